// Unsaved edits survive a crash or a kill. While the session is dirty, the scenario is written every
// few seconds to a file of this instance's own, <AppDataLocation>/autosave/ID.json (atomically, on a
// worker thread), beside ID.lock, a QLockFile that says the instance is still alive. Saving, going
// back to a clean scenario and a clean exit (finish) remove the file; destroying the Autosave
// without finish() keeps it, as a crash would. At the next start, offerRecovery() offers back the
// autosaves whose instance is gone (a stale lock); an instance that still runs keeps its own.
// GUI thread only.
#pragma once

#include "engine/core/scenario.h"

#include <QDateTime>
#include <QLockFile>
#include <QObject>
#include <QString>
#include <QThreadPool>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

class QWidget;

namespace conviz::gui {

class Session;
class SimulationController;

// An autosave of an instance that ended without a clean exit.
struct RecoveryOffer {
    QString scenarioName;
    QString sourcePath; // the file the edits were made to; "" for the built-in scenario
    QDateTime savedAt;
};

enum class RecoveryChoice : std::uint8_t {
    Restore, // open the edits, unsaved; the autosave goes
    Discard, // delete the autosave
    Later,   // keep it for the next start
};

using RecoveryPrompt = std::function<RecoveryChoice(const RecoveryOffer &offer)>;

// The question as a modal dialog over `parent` (Esc: Later).
RecoveryPrompt recoveryDialog(QWidget *parent);

class Autosave : public QObject {
    Q_OBJECT
public:
    // How often a dirty scenario is written.
    static constexpr int kIntervalMs = 5000;

    // Follows `session` (whose scenario `controller` holds); both must outlive this.
    Autosave(SimulationController &controller, Session &session, QObject *parent = nullptr);
    // Waits for a write in progress; keeps the autosave (only finish() is a clean exit).
    ~Autosave() override;

    // <AppDataLocation>/autosave.
    static QString directory();
    // This instance's autosave file (it exists only while there are unsaved edits).
    QString filePath() const;

    void setIntervalMs(int ms) { m_timer.setInterval(ms); }
    void setPrompt(RecoveryPrompt prompt) { m_prompt = std::move(prompt); }

    // Writes the scenario if it has unsaved edits not written yet, or removes the file if it has
    // none; the timer calls this. Returns at once: the worker writes.
    void saveNow();
    // Waits until the worker has written or removed what it was given.
    void waitForWrites();
    // A clean exit: removes the autosave and the lock; nothing is written after this.
    void finish();

    // Offers back, newest first, the autosaves of instances that ended without a clean exit. A
    // restored one becomes the session's scenario, unsaved (Session::restoreEdits), and this
    // instance's autosave before its old file goes. Stops at the first restored; returns it.
    std::optional<RecoveryOffer> offerRecovery();

Q_SIGNALS:
    // Writing or removing the autosave failed; `message` names the file and the reason.
    void failed(const QString &message);

private:
    void dirtyChanged(bool dirty);
    void post(std::function<QString()> job); // runs on the worker; a non-empty result is a failure
    void removeOwn();

    SimulationController &m_controller;
    Session &m_session;
    RecoveryPrompt m_prompt;
    QString m_id;
    QLockFile m_lock;
    QTimer m_timer;
    QThreadPool m_worker;              // one thread: writes and removals happen in the order asked
    std::optional<Scenario> m_written; // what the file holds, if it exists
    QString m_writtenSource;
    bool m_finished = false;
};

} // namespace conviz::gui
