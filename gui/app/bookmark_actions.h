// Bookmarks in the window: File › Bookmark this moment (Ctrl+B) writes the window's moment to a
// `.conviz` file and copies it to the clipboard as a token; File › Open bookmark… (Ctrl+Shift+O)
// and File › Open bookmark from text… (Ctrl+Shift+V: the clipboard's token, or one typed in) put
// the window back as the bookmark has it: scenario and edits, seed, guided tour step, instant,
// timelines' zoom, charts tab, stack picture, result shown. A bookmark that does not validate is
// refused with every reason and the window stays as it was. gui/core/bookmark.h has the format.
// GUI thread only.
#pragma once

#include "gui/core/bookmark.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QAction;

namespace conviz::gui {

class MainWindow;

// What the bookmark actions ask the user; tests replace them.
struct BookmarkPrompts {
    // A file to write the bookmark to, proposing `suggestedPath`; "" if cancelled.
    std::function<QString(const QString &suggestedPath)> savePath;
    // A bookmark file to open, starting in `directory`; "" if cancelled.
    std::function<QString(const QString &directory)> openPath;
    // A token to open, the dialog's field holding `initial`; "" if cancelled.
    std::function<QString(const QString &initial)> token;
    std::function<void(const QString &title, const QString &message)> showError;
};

class BookmarkActions : public QObject {
    Q_OBJECT
public:
    // Adds the actions to `window`'s File menu (after Save as) and to the window, so their keys work
    // with the menu bar hidden. Build after the window's controller connections.
    explicit BookmarkActions(MainWindow &window);

    void setPrompts(BookmarkPrompts prompts) { m_prompts = std::move(prompts); }

    // The window's moment as a bookmark.
    Bookmark capture() const;
    // Ctrl+B: asks for a file (named after the scenario and the instant), writes the bookmark there
    // and copies its token to the clipboard; the status line says both. False if cancelled or failed.
    bool bookmarkThisMoment();
    // Writes capture() to `path` and copies its token; false (after saying why) if it cannot.
    bool saveTo(const QString &path);
    // Opens a bookmark file / a token; false (after saying why, the window unchanged) if it is not
    // a valid bookmark or the user kept unsaved edits.
    bool openFile(const QString &path);
    bool openToken(const QString &token);
    // Ctrl+Shift+V: the clipboard's token, or (none there) one typed into a dialog.
    bool openFromText();
    // Ctrl+Shift+O: asks for a file, then openFile.
    bool chooseAndOpen();

    // A restored bookmark still waits for its run before its instant and zoom apply.
    bool restoring() const { return m_pending.has_value(); }

Q_SIGNALS:
    // The window shows the bookmark: scenario, tour step, instant, zoom, charts and columns.
    void restored();

private:
    bool restore(const BookmarkParse &parsed, const QString &sourceName);
    // Applies the pending view once the run of the restored scenario (and its tour step) is shown.
    void applyWhenShown();
    QAction *stackLogAction() const;
    void status(const QString &text) const;

    MainWindow &m_window;
    BookmarkPrompts m_prompts;
    std::optional<BookmarkView> m_pending;
    std::optional<BookmarkSweep> m_pendingSweep;
    QString m_pendingMessage; // the status line once it is shown
};

// The prompts as dialogs over `window`.
BookmarkPrompts bookmarkDialogs(MainWindow &window);

} // namespace conviz::gui
