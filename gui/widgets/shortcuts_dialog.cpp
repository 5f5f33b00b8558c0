#include "gui/widgets/shortcuts_dialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>

namespace conviz::gui {

ShortcutsDialog::ShortcutsDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(QStringLiteral("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(this);
    const char *const rows[][2] = {
        {"Space", "Play / pause"},
        {"→", "Step to the next change"},
        {"←", "Step back to the previous change"},
        {"+", "Play faster"},
        {"−", "Play slower"},
        {"Home / End", "Go to the start / end of the run"},
        {"Ctrl+O", "Open a scenario file"},
        {"Ctrl+S", "Save the scenario"},
        {"Ctrl+Shift+S", "Save the scenario as…"},
        {"Ctrl+B", "Bookmark this moment: a .conviz file, and its text on the clipboard"},
        {"Ctrl+Shift+O", "Open a bookmark file"},
        {"Ctrl+Shift+V", "Open a bookmark from text (the clipboard's, or pasted)"},
        {"Ctrl+E", "Export a chart…"},
        {"Ctrl+Shift+E", "Export the side-by-side view…"},
        {"F5 / Ctrl+Shift+P", "Presentation mode: full screen, large text (Esc leaves)"},
        {"Ctrl+T", "Guided tour of the preset"},
        {"Ctrl+R", "Run the scenario live on this machine (Live menu)"},
        {"During a tour: Page Down, →, Space", "Next tour step (presenter clickers send these)"},
        {"During a tour: Page Up, ←", "Previous tour step"},
        {"Ctrl+1 / Ctrl+2 / Ctrl+3", "Presenter: spotlight (drag a region) / pointer / pen; the same key puts it away"},
        {"Ctrl+Z / Ctrl+Backspace", "Presenter: undo the pen's last stroke / erase them all"},
        {"Ctrl+4", "Presenter: freeze the picture (the run goes on underneath)"},
        {"Ctrl+5", "Presenter: countdown for an exercise; again to stop it"},
        {"Ctrl+6", "Presenter: name each shortcut used in a caption while presenting"},
        {"Ctrl+0", "Presenter: every tool off"},
        {"?", "Show this list"},
        {"Shift+F1", "What's This? for the focused control or view (Help › What's This?, then a click, for any)"},
        {"F1", "Tour of the window: → / Space / Enter next part, ← back, Home / End, Esc leaves"},
        {"Timeline: wheel", "Zoom (all three timelines together)"},
        {"Timeline: drag", "Pan; double-click to follow the clock again"},
        {"Timeline / narration: click", "Move the clock there (and follow the request of the span or line)"},
        {"Ctrl+F / Esc", "Follow a request by number (or click its task, span or stack tile) / stop following"},
    };
    QString html = QStringLiteral("<table cellspacing='6'>");
    for (const auto &r : rows)
        html += QStringLiteral("<tr><td align='right'><b>%1</b></td><td>%2</td></tr>")
                    .arg(QString::fromUtf8(r[0]), QString::fromUtf8(r[1]));
    html += QStringLiteral("</table>");
    auto *label = new QLabel(html, this);
    label->setTextFormat(Qt::RichText);
    layout->addWidget(label);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

} // namespace conviz::gui
