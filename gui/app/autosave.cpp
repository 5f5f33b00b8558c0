#include "gui/app/autosave.h"

#include "engine/core/atomic_file.h"
#include "engine/scenario/scenario_file.h"
#include "gui/app/session.h"
#include "gui/core/simulation_controller.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>
#include <exception>
#include <vector>

namespace conviz::gui {
namespace {

const QString kSuffix = QStringLiteral(".json");

QString lockPathFor(const QString &id)
{
    return Autosave::directory() + QLatin1Char('/') + id + QStringLiteral(".lock");
}

QString filePathFor(const QString &id) { return Autosave::directory() + QLatin1Char('/') + id + kSuffix; }

// An autosave of another instance, read back, with its lock held while the user decides.
struct Orphan {
    QString file;
    RecoveryOffer offer;
    std::optional<Scenario> scenario; // unset if the file cannot be read
    QString error;
    std::unique_ptr<QLockFile> lock;
};

Orphan readOrphan(const QString &file, std::unique_ptr<QLockFile> lock)
{
    Orphan o{file, {}, std::nullopt, {}, std::move(lock)};
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        o.error = QStringLiteral("%1: %2").arg(file, f.errorString());
        return o;
    }
    const QJsonObject json = QJsonDocument::fromJson(f.readAll()).object();
    o.offer.sourcePath = json.value(QStringLiteral("source")).toString();
    o.offer.savedAt = QDateTime::fromString(json.value(QStringLiteral("savedAt")).toString(), Qt::ISODateWithMs);
    if (!o.offer.savedAt.isValid())
        o.offer.savedAt = QFileInfo(file).lastModified();
    const std::string toml = json.value(QStringLiteral("scenario")).toString().toStdString();
    const auto loaded = scenario::loadString(toml, file.toStdString());
    if (!loaded.ok()) {
        o.error = loaded.errors.empty() ? QStringLiteral("%1 holds no scenario").arg(file)
                                        : QString::fromStdString(loaded.errors.front().format());
        return o;
    }
    o.scenario = *loaded.scenario;
    o.offer.scenarioName = QString::fromStdString(o.scenario->name);
    return o;
}

// The autosaves whose instance is gone, newest first, each with its lock now held by us.
std::vector<Orphan> findOrphans(const QString &ownId)
{
    std::vector<Orphan> found;
    const QDir dir(Autosave::directory());
    for (const QFileInfo &info : dir.entryInfoList({QStringLiteral("*") + kSuffix}, QDir::Files)) {
        const QString id = info.completeBaseName();
        if (id == ownId)
            continue;
        auto lock = std::make_unique<QLockFile>(lockPathFor(id));
        lock->setStaleLockTime(0); // alive is alive, however long ago it last wrote
        if (!lock->tryLock(0))
            continue; // its instance still runs (or another one is offering it right now)
        found.push_back(readOrphan(info.absoluteFilePath(), std::move(lock)));
    }
    std::sort(found.begin(), found.end(),
              [](const Orphan &a, const Orphan &b) { return a.offer.savedAt > b.offer.savedAt; });
    return found;
}

} // namespace

RecoveryPrompt recoveryDialog(QWidget *parent)
{
    return [parent](const RecoveryOffer &offer) {
        QMessageBox box(QMessageBox::Question, QStringLiteral("Restore unsaved changes?"),
                        QStringLiteral("conviz did not close normally. Your unsaved changes to “%1” from %2 "
                                       "were kept. Restore them?")
                            .arg(offer.scenarioName, QLocale().toString(offer.savedAt, QLocale::ShortFormat)),
                        QMessageBox::NoButton, parent);
        if (!offer.sourcePath.isEmpty())
            box.setInformativeText(
                QStringLiteral("They were made to %1.").arg(QDir::toNativeSeparators(offer.sourcePath)));
        QPushButton *restore = box.addButton(QStringLiteral("Restore"), QMessageBox::AcceptRole);
        QPushButton *discard = box.addButton(QStringLiteral("Discard"), QMessageBox::DestructiveRole);
        QPushButton *later = box.addButton(QStringLiteral("Not now"), QMessageBox::RejectRole);
        box.setDefaultButton(restore);
        box.setEscapeButton(later);
        box.exec();
        if (box.clickedButton() == restore)
            return RecoveryChoice::Restore;
        return box.clickedButton() == discard ? RecoveryChoice::Discard : RecoveryChoice::Later;
    };
}

Autosave::Autosave(SimulationController &controller, Session &session, QObject *parent)
    : QObject(parent),
      m_controller(controller),
      m_session(session),
      m_prompt(recoveryDialog(nullptr)),
      m_id(QUuid::createUuid().toString(QUuid::WithoutBraces)),
      m_lock(lockPathFor(m_id))
{
    m_lock.setStaleLockTime(0);
    m_worker.setMaxThreadCount(1);
    m_worker.setExpiryTimeout(-1);
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &Autosave::saveNow);
    connect(&m_session, &Session::dirtyChanged, this, &Autosave::dirtyChanged);
    m_timer.start();
}

Autosave::~Autosave() { m_worker.waitForDone(); }

QString Autosave::directory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/autosave");
}

QString Autosave::filePath() const { return filePathFor(m_id); }

void Autosave::dirtyChanged(bool dirty)
{
    // Saved, discarded or undone: the autosave would only offer back what is safe already.
    if (!dirty)
        removeOwn();
}

void Autosave::post(std::function<QString()> job)
{
    m_worker.start([this, job = std::move(job)] {
        QString error;
        try {
            error = job();
        } catch (const std::exception &e) { // no exception crosses the thread
            error = QString::fromUtf8(e.what());
        }
        if (!error.isEmpty())
            QMetaObject::invokeMethod(
                this, [this, error] { Q_EMIT failed(error); }, Qt::QueuedConnection);
    });
}

void Autosave::saveNow()
{
    if (m_finished)
        return;
    if (!m_session.isDirty()) {
        removeOwn();
        return;
    }
    const QString source = m_session.isBuiltIn() ? QString() : m_session.path();
    if (m_written && *m_written == m_controller.scenario() && m_writtenSource == source)
        return;
    if (!m_lock.isLocked()) {
        QDir().mkpath(directory());
        if (!m_lock.tryLock(0)) {
            Q_EMIT failed(QStringLiteral("cannot autosave: %1 cannot be created").arg(m_lock.error()));
            return;
        }
    }
    m_written = m_controller.scenario();
    m_writtenSource = source;
    post([scenario = *m_written, source, path = filePath()] {
        QJsonObject json;
        json.insert(QStringLiteral("source"), source);
        json.insert(QStringLiteral("savedAt"), QDateTime::currentDateTime().toString(Qt::ISODateWithMs));
        json.insert(QStringLiteral("scenario"), QString::fromStdString(scenario::toToml(scenario)));
        const QByteArray bytes = QJsonDocument(json).toJson();
        const auto error = exports::writeFileAtomically(
            path.toStdString(), {bytes.constData(), std::size_t(bytes.size())}, exports::Overwrite::Replace);
        return error ? QStringLiteral("cannot autosave: %1").arg(QString::fromStdString(error->message)) : QString();
    });
}

void Autosave::removeOwn()
{
    if (!m_written)
        return;
    m_written.reset();
    post([path = filePath()] {
        QFile file(path);
        return !file.exists() || file.remove() ? QString()
                                               : QStringLiteral("cannot remove %1: %2").arg(path, file.errorString());
    });
}

void Autosave::waitForWrites() { m_worker.waitForDone(); }

void Autosave::finish()
{
    m_timer.stop();
    removeOwn();
    m_finished = true;
    m_worker.waitForDone();
    m_lock.unlock();
}

std::optional<RecoveryOffer> Autosave::offerRecovery()
{
    for (Orphan &o : findOrphans(m_id)) {
        if (!o.scenario) {
            // Never deleted unread: set aside where it stays for the user and is not offered again.
            QFile::rename(o.file, o.file + QStringLiteral(".unreadable"));
            m_session.prompts().showError(
                QStringLiteral("Cannot restore unsaved changes"),
                QStringLiteral("%1\nThe file was kept as %2.unreadable.").arg(o.error, o.file));
            continue;
        }
        const RecoveryChoice choice = m_prompt(o.offer);
        if (choice == RecoveryChoice::Later)
            continue;
        if (choice == RecoveryChoice::Restore) {
            if (!m_session.restoreEdits(o.offer.sourcePath, *o.scenario))
                continue; // said why; the autosave stays for another try
            // Safe in our own autosave first, then the old one goes: a crash in between loses nothing.
            saveNow();
            waitForWrites();
        }
        QFile::remove(o.file);
        if (choice == RecoveryChoice::Restore)
            return o.offer;
    }
    return std::nullopt;
}

} // namespace conviz::gui
