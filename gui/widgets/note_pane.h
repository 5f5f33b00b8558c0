// The teaching note of the current preset (scenarios/<name>.md), rendered as Markdown, ending with
// the preset's exercises ("Try this"; the Exercises tab ticks them).
#pragma once

#include <QTextBrowser>

namespace conviz::gui {

class NotePane : public QTextBrowser {
    Q_OBJECT
public:
    explicit NotePane(QWidget *parent = nullptr);
    // Shows the note at `path`, or `fallback` Markdown if there is none.
    void showNote(const QString &path, const QString &fallback);
};

} // namespace conviz::gui
