#include "gui/widgets/note_pane.h"

#include <QFile>
#include <QTextBlock>
#include <QTextCursor>

namespace conviz::gui {

NotePane::NotePane(QWidget *parent) : QTextBrowser(parent)
{
    setOpenExternalLinks(true);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(8);
}

void NotePane::showNote(const QString &path, const QString &fallback)
{
    QFile f(path);
    if (!path.isEmpty() && f.open(QIODevice::ReadOnly))
        setMarkdown(QString::fromUtf8(f.readAll()));
    else
        setMarkdown(fallback);
    // Markdown headings come out poster-sized; a side pane wants them modest.
    const double base = font().pointSizeF();
    for (QTextBlock b = document()->begin(); b.isValid(); b = b.next()) {
        const int level = b.blockFormat().headingLevel();
        if (level <= 0)
            continue;
        QTextCursor c(b);
        c.select(QTextCursor::BlockUnderCursor);
        QTextCharFormat format;
        format.setProperty(QTextFormat::FontSizeAdjustment, 0);
        format.setFontPointSize(base + (level == 1 ? 4 : level == 2 ? 2 : 1));
        c.mergeCharFormat(format);
        QTextBlockFormat block = b.blockFormat();
        block.setTopMargin(level == 1 ? 4 : 10);
        block.setBottomMargin(4);
        c.setBlockFormat(block);
    }
}

} // namespace conviz::gui
