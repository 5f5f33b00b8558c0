#include "figure_inputs.h"

#include "engine/scenario/scenario_file.h"
#include "gui/core/preset_model.h"

#include <QDir>

#include <map>
#include <stdexcept>

namespace conviz::gui::test {

const FigureInputs &presetInputs(const QString &preset)
{
    static std::map<QString, FigureInputs> cache;
    auto it = cache.find(preset);
    if (it != cache.end())
        return it->second;
    const QString path = presetDirectory() + QLatin1Char('/') + preset + QStringLiteral(".toml");
    auto loaded = scenario::loadFile(path.toStdString());
    if (!loaded.ok())
        throw std::runtime_error("cannot load " + path.toStdString());
    FigureInputs in;
    in.run = buildRunSnapshot(*loaded.scenario, 1);
    in.sweep = runSweep(*loaded.scenario, scenario::defaultSweep(*loaded.scenario), nullptr, {}).snapshot;
    return cache.emplace(preset, in).first->second;
}

QString figureDir()
{
    const QString dir = qEnvironmentVariable("CONVIZ_FIGURE_DIR", QDir::currentPath() + QStringLiteral("/figures"));
    QDir().mkpath(dir);
    return dir;
}

} // namespace conviz::gui::test
