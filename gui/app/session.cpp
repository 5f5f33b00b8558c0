#include "gui/app/session.h"

#include "gui/core/default_scenario.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>

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
    p.savePath = [parent] {
        return QFileDialog::getSaveFileName(parent, QStringLiteral("Save scenario as"), QString(),
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
    connect(&m_controller, &SimulationController::modifiedChanged, this, &Session::dirtyChanged);
}

void Session::setUnsavedPrompt(std::function<int(const QString &scenarioName)> prompt)
{
    m_prompts.unsaved = std::move(prompt);
}

QString Session::path() const { return m_controller.sourcePath(); }

bool Session::isDirty() const { return m_controller.isModified(); }

bool Session::open(const QString &path)
{
    const QString error = m_controller.loadFile(path);
    if (!error.isEmpty()) {
        m_prompts.showError(QStringLiteral("Cannot open the scenario"), error);
        return false;
    }
    m_builtIn = false;
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
    m_controller.setScenario(builtInScenario(), QString());
    Q_EMIT pathChanged(QString());
    Q_EMIT opened(QString());
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
    if (!m_controller.isModified())
        return true;
    const int answer = m_prompts.unsaved(QString::fromStdString(m_controller.scenario().name));
    if (answer == QMessageBox::Save)
        return save();
    return answer == QMessageBox::Discard;
}

bool Session::save()
{
    const QString path = m_controller.sourcePath();
    // Presets are shared: saving goes to a new file.
    if (path.isEmpty() || m_presets.rowOfPath(path) >= 0)
        return saveAs();
    return saveTo(path);
}

bool Session::saveAs()
{
    const QString path = m_prompts.savePath();
    if (path.isEmpty() || !saveTo(path))
        return false;
    m_builtIn = false;
    addRecent(path);
    Q_EMIT pathChanged(path);
    return true;
}

bool Session::saveTo(const QString &path)
{
    const QString error = m_controller.saveAs(path);
    if (!error.isEmpty())
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
