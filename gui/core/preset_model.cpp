#include "gui/core/preset_model.h"

#include "engine/scenario/scenario_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace conviz::gui {

PresetModel::PresetModel(QObject *parent) : QAbstractListModel(parent) {}

void PresetModel::scan(const QString &directory)
{
    std::vector<Preset> found;
    if (!directory.isEmpty()) {
        const QDir dir(directory);
        for (const QFileInfo &info : dir.entryInfoList({QStringLiteral("*.toml")}, QDir::Files, QDir::Name)) {
            Preset p;
            p.path = info.absoluteFilePath();
            p.notePath = notePathFor(p.path);
            const auto r = conviz::scenario::loadFile(p.path.toStdString());
            if (r.ok()) {
                p.name = QString::fromStdString(r.scenario->name);
                p.description = QString::fromStdString(r.scenario->description);
            } else {
                p.error = r.errors.empty() ? QStringLiteral("not a valid scenario")
                                           : QString::fromStdString(r.errors.front().format());
            }
            if (p.name.isEmpty() || p.name == QStringLiteral("Untitled"))
                p.name = info.completeBaseName();
            found.push_back(std::move(p));
        }
    }
    std::stable_partition(found.begin(), found.end(), [](const Preset &p) {
        return QFileInfo(p.path).completeBaseName() == QStringLiteral("default");
    });
    beginResetModel();
    m_presets = std::move(found);
    endResetModel();
}

int PresetModel::rowOfPath(const QString &path) const
{
    const QString wanted = QFileInfo(path).absoluteFilePath();
    for (std::size_t i = 0; i < m_presets.size(); ++i)
        if (m_presets[i].path == wanted)
            return static_cast<int>(i);
    return -1;
}

int PresetModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_presets.size());
}

QVariant PresetModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Preset &p = m_presets[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole: return p.error.isEmpty() ? p.name : p.name + QStringLiteral(" (invalid)");
    case Qt::ToolTipRole: return p.error.isEmpty() ? p.description : p.error;
    case PathRole: return p.path;
    case NotePathRole: return p.notePath;
    case DescriptionRole: return p.description;
    case ErrorRole: return p.error;
    default: return {};
    }
}

QHash<int, QByteArray> PresetModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert(PathRole, "path");
    names.insert(NotePathRole, "notePath");
    names.insert(DescriptionRole, "description");
    names.insert(ErrorRole, "error");
    return names;
}

QString presetDirectory()
{
    QStringList candidates;
    const QString env = qEnvironmentVariable("CONVIZ_SCENARIO_DIR");
    if (!env.isEmpty())
        candidates << env;
    // An installed program (/usr/bin/conviz, or any prefix it was unpacked into) reads its own
    // share/ before the source tree it was built from, which may still exist on the machine.
    if (QCoreApplication::instance())
        candidates << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/conviz/scenarios");
#ifdef CONVIZ_SOURCE_SCENARIO_DIR
    candidates << QStringLiteral(CONVIZ_SOURCE_SCENARIO_DIR);
#endif
    for (const QString &c : candidates)
        if (QDir(c).exists() && !QDir(c).entryList({QStringLiteral("*.toml")}, QDir::Files).isEmpty())
            return QDir(c).absolutePath();
    return {};
}

QString notePathFor(const QString &scenarioPath)
{
    const QFileInfo info(scenarioPath);
    const QString note = info.absolutePath() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral(".md");
    return QFileInfo::exists(note) ? note : QString();
}

} // namespace conviz::gui
