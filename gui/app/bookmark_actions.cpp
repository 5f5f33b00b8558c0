#include "gui/app/bookmark_actions.h"

#include "engine/core/atomic_file.h"
#include "engine/scenario/sweep.h"
#include "gui/app/live_mode.h"
#include "gui/app/main_window.h"
#include "gui/app/session.h"
#include "gui/app/window_layout.h"
#include "gui/core/bookmark_scenario.h"
#include "gui/core/format.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/tour_panel.h"
#include "gui/widgets/whats_this.h"

#include <QAction>
#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTimer>

namespace conviz::gui {
namespace {

const QString kDirectoryKey = QStringLiteral("bookmarks/directory");

QString bookmarkDirectory()
{
    const QString saved = QSettings().value(kDirectoryKey).toString();
    if (!saved.isEmpty() && QFileInfo(saved).isDir())
        return saved;
    return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
}

QString filter() { return QStringLiteral("conviz bookmarks (*.%1)").arg(QString::fromLatin1(kBookmarkSuffix)); }

} // namespace

BookmarkPrompts bookmarkDialogs(MainWindow &window)
{
    BookmarkPrompts p;
    p.savePath = [&window](const QString &suggested) {
        return QFileDialog::getSaveFileName(&window, QStringLiteral("Bookmark this moment"), suggested, filter());
    };
    p.openPath = [&window](const QString &directory) {
        return QFileDialog::getOpenFileName(&window, QStringLiteral("Open bookmark"), directory, filter());
    };
    p.token = [&window](const QString &initial) {
        bool ok = false;
        const QString text =
            QInputDialog::getMultiLineText(&window, QStringLiteral("Open bookmark from text"),
                                           QStringLiteral("Paste a bookmark's text (it starts with “%1”):")
                                               .arg(QString::fromLatin1(kBookmarkTokenPrefix)),
                                           initial, &ok);
        return ok ? text : QString();
    };
    p.showError = [&window](const QString &title, const QString &message) {
        QMessageBox::warning(&window, title, message);
    };
    return p;
}

BookmarkActions::BookmarkActions(MainWindow &window) : QObject(&window), m_window(window)
{
    m_prompts = bookmarkDialogs(window);
    auto make = [&](const QString &text, const QKeySequence &key, const QString &name, auto slot) {
        auto *a = new QAction(text, &m_window);
        a->setShortcut(key);
        a->setObjectName(name);
        a->setWhatsThis(whatsThisForAction(name));
        connect(a, &QAction::triggered, this, slot);
        m_window.addAction(a); // window-wide: presentation mode hides the menu bar
        return a;
    };
    QAction *save = make(QStringLiteral("&Bookmark this moment…"), QKeySequence(Qt::CTRL | Qt::Key_B),
                         QStringLiteral("bookmarkThisMoment"), [this] { bookmarkThisMoment(); });
    save->setToolTip(QStringLiteral("Save the scenario, seed, instant, zoom and tour step to a .conviz file and "
                                    "copy them as text (Ctrl+B)"));
    QAction *open = make(QStringLiteral("Open boo&kmark…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
                         QStringLiteral("openBookmark"), [this] { chooseAndOpen(); });
    QAction *paste = make(QStringLiteral("Open bookmark from &text…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V),
                          QStringLiteral("openBookmarkFromText"), [this] { openFromText(); });
    // After File › Save as, before the Export submenu.
    for (QAction *top : m_window.menuBar()->actions()) {
        QMenu *file = top->menu();
        if (!file || top->text() != QStringLiteral("&File"))
            continue;
        const QList<QAction *> items = file->actions();
        QAction *before = nullptr;
        for (int i = 0; i + 1 < items.size() && !before; ++i)
            if (items[i]->text() == QStringLiteral("Save &as…"))
                before = items[i + 1];
        file->insertSeparator(before);
        file->insertActions(before, {save, open, paste});
        break;
    }
    // After the window's own connection: the views, the clock and the tour have the run first.
    connect(&m_window.controller(), &SimulationController::resultAvailable, this, [this] { applyWhenShown(); });
}

QAction *BookmarkActions::stackLogAction() const
{
    return m_window.findChild<QAction *>(QStringLiteral("stackLogScale"));
}

void BookmarkActions::status(const QString &text) const { m_window.windowLayout().status()->setText(text); }

Bookmark BookmarkActions::capture() const
{
    Bookmark b;
    const SimulationController &c = m_window.controller();
    const QString source = c.sourcePath();
    const bool preset = !source.isEmpty() && m_window.session().isPreset(source);
    // A preset's baseline is its file as opened: presets are never saved over.
    setBookmarkScenario(b, c.scenario(), preset ? QFileInfo(source).completeBaseName() : QString(),
                        preset ? &c.baseline() : nullptr, m_window.session().isBuiltIn() ? QString() : source);
    const PlaybackState &p = m_window.playback();
    b.view.instant = p.time();
    b.view.timelineStart = p.axis().start;
    b.view.timelineSpan = p.axis().span;
    b.view.follow = p.isFollowing();
    b.view.charts = static_cast<BookmarkView::Charts>(std::clamp(m_window.chartsPane()->tabs()->currentIndex(), 0, 2));
    if (const QAction *log = stackLogAction())
        b.view.stackLogScale = log->isChecked();
    b.view.columns = static_cast<BookmarkView::Columns>(m_window.live().source());
    if (const TourPanel *tour = m_window.tourPanel(); tour && tour->isActive())
        b.tourStep = tour->step();
    // A sweep the user set up on the Sweep tab; the scenario's own comes back with the scenario.
    if (const SweepSpec s = c.currentSweep(); !s.param.empty() && s != scenario::defaultSweep(c.scenario()))
        b.sweep = BookmarkSweep{
            .param = QString::fromStdString(s.param), .from = s.from, .to = s.to, .steps = s.steps, .log = s.log};
    return b;
}

bool BookmarkActions::bookmarkThisMoment()
{
    const QString name = QString::fromStdString(m_window.controller().scenario().name);
    const QString suggested = QDir(bookmarkDirectory()).filePath(bookmarkFileName(name, m_window.playback().time()));
    QString path = m_prompts.savePath(suggested);
    if (path.isEmpty())
        return false;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + QString::fromLatin1(kBookmarkSuffix);
    return saveTo(path);
}

bool BookmarkActions::saveTo(const QString &path)
{
    const Bookmark b = capture();
    const QByteArray text = bookmarkToText(b).toUtf8();
    if (const auto error = exports::writeFileAtomically(
            QFile::encodeName(path).toStdString(),
            std::string_view(text.constData(), static_cast<std::size_t>(text.size())), exports::Overwrite::Replace)) {
        m_prompts.showError(QStringLiteral("Cannot save the bookmark"), QString::fromStdString(error->message));
        return false;
    }
    QSettings().setValue(kDirectoryKey, QFileInfo(path).absolutePath());
    const QString token = bookmarkToToken(b);
    QGuiApplication::clipboard()->setText(token);
    status(QStringLiteral("Bookmarked %1 at %2 in %3, and copied it as text (%4 characters) to paste anywhere: File › "
                          "Open bookmark from text (Ctrl+Shift+V) opens either")
               .arg(QString::fromStdString(m_window.controller().scenario().name),
                    formatDuration(static_cast<double>(b.view.instant)), QDir::toNativeSeparators(path))
               .arg(token.size()));
    return true;
}

bool BookmarkActions::chooseAndOpen()
{
    const QString path = m_prompts.openPath(bookmarkDirectory());
    return !path.isEmpty() && openFile(path);
}

bool BookmarkActions::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_prompts.showError(QStringLiteral("Cannot open the bookmark"),
                            QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    const QByteArray bytes = file.read(2 * 1024 * 1024); // bookmarkFromText refuses what is too long
    const QString name = QDir::toNativeSeparators(path);
    return restore(bookmarkFromText(QString::fromUtf8(bytes), name), name);
}

bool BookmarkActions::openToken(const QString &token)
{
    return restore(bookmarkFromToken(token), QStringLiteral("the pasted bookmark"));
}

bool BookmarkActions::openFromText()
{
    const QString clip = QGuiApplication::clipboard()->text();
    if (looksLikeBookmarkToken(clip))
        return openToken(clip);
    const QString typed = m_prompts.token(QString());
    return !typed.trimmed().isEmpty() && openToken(typed);
}

bool BookmarkActions::restore(const BookmarkParse &parsed, const QString &sourceName)
{
    // Everything is checked before anything changes: a bookmark that does not validate leaves the
    // window as it was.
    const BookmarkScenario resolved = resolveBookmarkScenario(parsed, sourceName, m_window.presets().presets());
    if (!resolved.scenario) {
        m_prompts.showError(QStringLiteral("Cannot open the bookmark"), resolved.error);
        return false;
    }
    if (!m_window.session().maybeSave())
        return false;
    const Bookmark &b = *parsed.bookmark;
    m_pending.reset();
    m_window.playback().pause();
    if (b.tourStep) {
        // The tour starts from the preset's values; its steps move the sliders as they would.
        if (!m_window.session().open(resolved.sourcePath) || !m_window.startTour())
            return false;
        for (int i = 0; i < *b.tourStep; ++i)
            m_window.tourPanel()->next();
        // The user's own edits on top of the step's, as an edit would make them.
        if (m_window.controller().scenario() != *resolved.scenario)
            m_window.controller().setEdited(*resolved.scenario);
    } else if (!m_window.session().restoreEdits(resolved.sourcePath, *resolved.scenario)) {
        return false;
    }
    m_pending = b.view;
    m_pendingSweep = b.sweep;
    m_pendingMessage = QStringLiteral("Opened the bookmark %1: %2 at %3")
                           .arg(sourceName, QString::fromStdString(resolved.scenario->name),
                                formatDuration(static_cast<double>(b.view.instant)));
    if (b.tourStep)
        m_pendingMessage += QStringLiteral(", guided tour step %1").arg(*b.tourStep + 1);
    if (resolved.presetChanged)
        m_pendingMessage += QStringLiteral(" · the preset “%1” changed since the bookmark was made: its edits were "
                                           "applied to today's preset, so the numbers may differ")
                                .arg(b.preset);
    status(m_pendingMessage);
    QTimer::singleShot(0, this, &BookmarkActions::applyWhenShown); // a run already on screen
    return true;
}

void BookmarkActions::applyWhenShown()
{
    if (!m_pending)
        return;
    const SimulationController &c = m_window.controller();
    const auto latest = c.latest();
    const TourPanel *tour = m_window.tourPanel();
    if (!latest || latest->scenario != c.scenario() || (tour && tour->isActive() && tour->waiting()))
        return;
    const BookmarkView v = *m_pending;
    m_pending.reset();
    PlaybackState &p = m_window.playback();
    p.pause();
    p.setTime(v.instant);
    p.setVisibleSpan(v.timelineSpan);
    if (v.follow) {
        p.setFollowing(true);
    } else {
        const TimeAxis &axis = p.axis();
        p.panBy((v.timelineStart - axis.start) / axis.nsPerPixel()); // and stop following
    }
    m_window.chartsPane()->tabs()->setCurrentIndex(static_cast<int>(v.charts));
    if (const std::optional<BookmarkSweep> s = std::exchange(m_pendingSweep, std::nullopt))
        m_window.controller().startSweep({s->param.toStdString(), s->from, s->to, s->steps, s->log});
    if (QAction *log = stackLogAction())
        log->setChecked(v.stackLogScale);
    const auto columns = static_cast<ResultSource>(v.columns);
    LiveMode &live = m_window.live();
    if (columns == ResultSource::Simulated || live.result())
        live.setSource(columns);
    else
        m_pendingMessage +=
            QStringLiteral(" · it showed measured results: Live › Run live (Ctrl+R) measures them here");
    status(m_pendingMessage);
    Q_EMIT restored();
}

} // namespace conviz::gui
