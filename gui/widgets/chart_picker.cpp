#include "gui/widgets/chart_picker.h"

#include <QButtonGroup>
#include <QHBoxLayout>
#include <QToolButton>

namespace conviz::gui {

ChartPicker::ChartPicker(std::vector<std::pair<QString, QWidget *>> charts, QWidget *parent)
    : QWidget(parent), m_charts(std::move(charts)), m_buttons(new QButtonGroup(this))
{
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(4, 0, 4, 0);
    row->setSpacing(4);
    for (std::size_t i = 0; i < m_charts.size(); ++i) {
        auto *b = new QToolButton(this);
        b->setText(m_charts[i].first);
        b->setCheckable(true);
        b->setAutoRaise(true);
        b->setToolTip(QStringLiteral("Show this chart"));
        m_buttons->addButton(b, static_cast<int>(i));
        row->addWidget(b);
    }
    row->addStretch(1);
    connect(m_buttons, &QButtonGroup::idClicked, this, &ChartPicker::pick);
    apply();
}

void ChartPicker::setOneAtATime(bool on)
{
    m_oneAtATime = on;
    apply();
}

void ChartPicker::setPageCurrent(bool current)
{
    m_pageCurrent = current;
    apply();
}

void ChartPicker::pick(int index)
{
    if (index < 0 || index >= static_cast<int>(m_charts.size()))
        return;
    m_picked = index;
    apply();
}

std::vector<QWidget *> ChartPicker::shownCharts() const
{
    std::vector<QWidget *> shown;
    for (std::size_t i = 0; i < m_charts.size(); ++i)
        if (!m_oneAtATime || static_cast<int>(i) == m_picked)
            shown.push_back(m_charts[i].second);
    return shown;
}

void ChartPicker::apply()
{
    setVisible(m_oneAtATime && m_pageCurrent);
    if (QAbstractButton *b = m_buttons->button(m_picked))
        b->setChecked(true);
    for (std::size_t i = 0; i < m_charts.size(); ++i)
        m_charts[i].second->setVisible(!m_oneAtATime || static_cast<int>(i) == m_picked);
}

} // namespace conviz::gui
