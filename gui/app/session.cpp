#include "gui/app/session.h"

#include "gui/core/default_scenario.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

#include <algorithm>

namespace conviz::gui {
namespace {

QString recentKey() { return QStringLiteral("recentFiles"); }

} // namespace

SessionPrompts dialogPrompts(QWidget *parent)
{
    SessionPrompts p;
    p.unsaved = [parent](const QString &scenarioName) {
        return static_cast<int>(
            QMessageBox::question(parent, QStringLiteral("Unsaved changes"),
                                  QStringLiteral("You changed parameters of “%1”. Save them?").arg(scenarioName),
                                  QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel));
    };
    p.openPath = [parent](const QString &directory) {
        return QFileDialog::getOpenFileName(parent, QStringLiteral("Open scenario"), directory,
                                            QStringLiteral("Scenarios (*.toml)"));
    };
    p.savePath = [parent](const QString &suggestedPath) {
        return QFileDialog::getSaveFileName(parent, QStringLiteral("Save scenario as"), suggestedPath,
                                            QStringLiteral("Scenarios (*.toml)"));
    };
    p.showError = [parent](const QString &title, const QString &message) {
        QMessageBox::warning(parent, title, message);
    };
    return p;
}

Session::Session(SimulationController &controller, const PresetModel &presets, QObject *parent)
    : QObject(parent), m_controller(controller), m_presets(presets), m_prompts(dialogPrompts(nullptr))
{
    // Dirty is more than "differs from the file": a tour's edits do not count, so follow every change.
    connect(&m_controller, &SimulationController::modifiedChanged, this, &Session::updateDirty);
    connect(&m_controller, &SimulationController::scenarioChanged, this, &Session::updateDirty);
    m_dirty = isDirty();
}

void Session::updateDirty()
{
    if (isDirty() == m_dirty)
        return;
    m_dirty = !m_dirty;
    Q_EMIT dirtyChanged(m_dirty);
}

void Session::acceptTourEdits()
{
    // A tour moves sliders to make its point; switching preset afterwards must not ask the user
    // to save edits they never made.
    m_tourScenario = m_controller.scenario();
    updateDirty();
}

void Session::setUnsavedPrompt(std::function<int(const QString &scenarioName)> prompt)
{
    m_prompts.unsaved = std::move(prompt);
}

QString Session::path() const { return m_controller.sourcePath(); }

bool Session::isDirty() const
{
    return m_controller.isModified() && !(m_tourScenario && m_controller.scenario() == *m_tourScenario);
}

bool Session::open(const QString &path)
{
    const QString error = m_controller.loadFile(path);
    if (!error.isEmpty()) {
        m_prompts.showError(QStringLiteral("Cannot open the scenario"), error);
        return false;
    }
    m_builtIn = false;
    m_tourScenario.reset();
    // Presets are always one click away in the scenario box; recent files are for the user's own.
    if (m_presets.rowOfPath(path) < 0)
        addRecent(QFileInfo(path).absoluteFilePath());
    Q_EMIT pathChanged(path);
    Q_EMIT opened(path);
    return true;
}

void Session::openBuiltIn()
{
    m_builtIn = true;
    m_tourScenario.reset();
    m_controller.setScenario(builtInScenario(), QString());
    Q_EMIT pathChanged(QString());
    Q_EMIT opened(QString());
}

bool Session::restoreEdits(const QString &sourcePath, const Scenario &edits)
{
    if (sourcePath.isEmpty() || !QFileInfo::exists(sourcePath) || !open(sourcePath))
        openBuiltIn();
    const QString error = m_controller.setEdited(edits);
    if (!error.isEmpty())
        m_prompts.showError(QStringLiteral("Cannot restore the edits"), error);
    return error.isEmpty();
}

bool Session::switchTo(const QString &path) { return maybeSave() && open(path); }

bool Session::chooseAndOpen()
{
    if (!maybeSave())
        return false;
    const QString path = m_prompts.openPath(QFileInfo(m_controller.sourcePath()).absolutePath());
    return !path.isEmpty() && open(path);
}

bool Session::maybeSave()
{
    if (!isDirty())
        return true;
    const int answer = m_prompts.unsaved(QString::fromStdString(m_controller.scenario().name));
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

bool Session::isReadOnly() const { return !m_builtIn && isPreset(m_controller.sourcePath()); }

bool Session::isPreset(const QString &path) const
{
    if (path.isEmpty())
        return false;
    if (m_presets.rowOfPath(path) >= 0)
        return true;
    // The same file by another spelling (a symlink, "..") is still the preset.
    const QString canonical = QFileInfo(path).canonicalFilePath();
    return !canonical.isEmpty() &&
           std::any_of(m_presets.presets().begin(), m_presets.presets().end(),
                       [&](const Preset &p) { return QFileInfo(p.path).canonicalFilePath() == canonical; });
}

QString Session::userScenarioDirectory()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/scenarios");
}

bool Session::save()
{
    const QString path = m_controller.sourcePath();
    // A shipped preset's comments, note and tour belong together; rewriting it from the scenario
    // would replace its comments with generated ones. It is read-only here: save a copy instead.
    if (path.isEmpty() || isReadOnly())
        return saveAs();
    return saveTo(path);
}

QString Session::suggestedSavePath() const
{
    const QString open = m_controller.sourcePath();
    if (!open.isEmpty() && !isReadOnly())
        return open;
    // The preset directory may be shared or installed: propose the user's own folder instead.
    const QString dir = userScenarioDirectory();
    QDir().mkpath(dir);
    const QString name = open.isEmpty() ? QStringLiteral("my-scenario.toml") : QFileInfo(open).fileName();
    return dir + QLatin1Char('/') + name;
}

bool Session::saveAs()
{
    const QString path = m_prompts.savePath(suggestedSavePath());
    if (path.isEmpty())
        return false;
    if (isPreset(path)) {
        m_prompts.showError(QStringLiteral("Cannot save"),
                            QStringLiteral("“%1” is a preset that ships with conviz, read-only here. Save your "
                                           "copy under another name or in another folder.")
                                .arg(QFileInfo(path).fileName()));
        return false;
    }
    if (!saveTo(path))
        return false;
    m_builtIn = false;
    addRecent(path);
    Q_EMIT pathChanged(path);
    return true;
}

bool Session::saveTo(const QString &path)
{
    const QString error = m_controller.saveAs(path);
    if (error.isEmpty())
        m_tourScenario.reset(); // the file holds them now; an edit after this is the user's
    else
        m_prompts.showError(QStringLiteral("Cannot save"), error);
    return error.isEmpty();
}

QStringList Session::recentFiles() const { return QSettings().value(recentKey()).toStringList(); }

void Session::addRecent(const QString &path)
{
    QStringList recent = recentFiles();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecent)
        recent.removeLast();
    QSettings().setValue(recentKey(), recent);
    Q_EMIT recentFilesChanged(recent);
}

} // namespace conviz::gui
