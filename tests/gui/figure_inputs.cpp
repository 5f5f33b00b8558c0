#include "figure_inputs.h"

#include "engine/scenario/scenario_file.h"
#include "gui/core/preset_model.h"

#include <QDir>
#include <QRegularExpression>
#include <QXmlStreamReader>

#include <cmath>
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

namespace {

// A length attribute in CSS pixels (96 per inch): "317.5mm", "1200px", "1200".
double cssPixels(QStringView length)
{
    if (length.endsWith(u"mm"))
        return length.chopped(2).toDouble() * 96 / 25.4;
    if (length.endsWith(u"px"))
        return length.chopped(2).toDouble();
    return length.toDouble();
}

// The length scale of a transform attribute: sqrt(|det|) of its matrix (1 without one).
double transformScale(QStringView transform)
{
    static const QRegularExpression matrix(QStringLiteral(R"(matrix\(([^)]*)\))"));
    const auto m = matrix.match(transform);
    if (!m.hasMatch())
        return 1;
    const QStringList v = m.captured(1).split(QLatin1Char(','));
    if (v.size() != 6)
        return 1;
    return std::sqrt(std::abs(v[0].toDouble() * v[3].toDouble() - v[1].toDouble() * v[2].toDouble()));
}

} // namespace

std::vector<SvgText> svgTexts(const QByteArray &svg)
{
    std::vector<SvgText> out;
    QXmlStreamReader xml(svg);
    std::vector<double> scales{1.0};
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QXmlStreamAttributes a = xml.attributes();
            double scale = scales.back() * transformScale(a.value(QStringLiteral("transform")));
            if (xml.name() == u"svg") {
                const QStringList box =
                    a.value(QStringLiteral("viewBox")).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
                if (box.size() == 4 && box[2].toDouble() > 0)
                    scale = cssPixels(a.value(QStringLiteral("width"))) / box[2].toDouble();
            }
            if (xml.name() == u"text") {
                SvgText t;
                t.px = a.value(QStringLiteral("font-size")).toDouble() * scale;
                t.family = a.value(QStringLiteral("font-family")).toString();
                t.text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (!t.text.trimmed().isEmpty())
                    out.push_back(std::move(t));
                continue; // readElementText consumed the end element
            }
            scales.push_back(scale);
        } else if (xml.isEndElement()) {
            scales.pop_back();
        }
    }
    if (xml.hasError())
        throw std::runtime_error("the SVG does not parse: " + xml.errorString().toStdString());
    return out;
}

QString figureDir()
{
    const QString dir = qEnvironmentVariable("CONVIZ_FIGURE_DIR", QDir::currentPath() + QStringLiteral("/figures"));
    QDir().mkpath(dir);
    return dir;
}

} // namespace conviz::gui::test
