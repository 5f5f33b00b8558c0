#include "gui/widgets/note_pane.h"

#include "gui/core/exercise.h"

#include <QFile>
#include <QTextBlock>
#include <QTextCursor>

namespace conviz::gui {
namespace {

// The preset's exercises as the note's last section: each task in a line, where the Exercises tab
// ticks them. Empty when the scenario beside the note (NAME.toml for NAME.md) has none.
QString exercisesSection(const QString &notePath)
{
    if (!notePath.endsWith(QStringLiteral(".md")))
        return {};
    const QString scenarioPath = notePath.chopped(3) + QStringLiteral(".toml");
    const ExerciseLoad loaded = loadExercises(scenarioPath);
    if (loaded.exercises.empty())
        return {};
    QString out = QStringLiteral("\n\n## Try this\n\n");
    int n = 0;
    for (const scenario::Exercise &e : loaded.exercises)
        out += QStringLiteral("%1. %2\n").arg(++n).arg(QString::fromStdString(e.text).simplified());
    return out + QStringLiteral("\nThe *Exercises* tab shows each goal with the value now, and ticks it when your "
                                "result meets it.\n");
}

} // namespace

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
        setMarkdown(QString::fromUtf8(f.readAll()) + exercisesSection(path));
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
