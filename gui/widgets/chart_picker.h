// One chart at a time, for presentation mode: a row of buttons above a page's charts, one per
// chart, shows the chosen chart alone at the page's full width; a room reads one chart, not two
// side by side at half size. Off (the normal layout), every chart shows and the row is hidden.
#pragma once

#include <QWidget>

#include <utility>
#include <vector>

class QButtonGroup;

namespace conviz::gui {

class ChartPicker : public QWidget {
    Q_OBJECT
public:
    // `charts` are (button label, chart) in page order; the chart widgets belong to the page.
    ChartPicker(std::vector<std::pair<QString, QWidget *>> charts, QWidget *parent = nullptr);

    void setOneAtATime(bool on);
    // Whether the page the picker serves is the one on screen (the picker sits in the tab bar's
    // corner, so only the current page's picker shows).
    void setPageCurrent(bool current);
    bool oneAtATime() const { return m_oneAtATime; }
    // Shows chart `index` (in one-at-a-time mode; remembered otherwise).
    void pick(int index);
    // The charts shown now.
    std::vector<QWidget *> shownCharts() const;

private:
    void apply();

    std::vector<std::pair<QString, QWidget *>> m_charts;
    QButtonGroup *m_buttons;
    bool m_oneAtATime = false;
    bool m_pageCurrent = true;
    int m_picked = 0;
};

} // namespace conviz::gui
