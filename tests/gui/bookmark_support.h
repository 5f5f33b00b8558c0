// What the bookmark tests share: a folder of presets the windows read (with a toured preset), and
// files written and read back.
#pragma once

#include "engine/core/scenario.h"
#include "engine/scenario/scenario_file.h"
#include "gui/core/preset_model.h"
#include "test_scenarios.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QString>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <vector>

namespace conviz::gui::test {

inline QString writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    f.open(QIODevice::WriteOnly | QIODevice::Truncate);
    f.write(text);
    return path;
}

inline QString readFile(const QString &path)
{
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return QString::fromUtf8(f.readAll());
}

inline Scenario presetScenario()
{
    Scenario s = smallWebScenario(600);
    s.name = "Marked";
    return s;
}

// A folder of presets for the test: marked.toml with a three-step tour whose second step doubles
// the rate. The windows read it through $CONVIZ_SCENARIO_DIR while the fixture lives.
class PresetFolder {
public:
    PresetFolder()
    {
        EXPECT_FALSE(scenario::saveFile(presetScenario(), preset().toStdString()));
        QDir(m_dir.path()).mkdir(QStringLiteral("tours"));
        writeFile(m_dir.filePath(QStringLiteral("tours/marked.toml")),
                  "title = \"Walk\"\n[[step]]\ntext = \"Start.\"\nat = \"start\"\n[[step]]\ntext = \"Twice the "
                  "load.\"\nset = { \"load.rate\" = " +
                      QByteArray::number(presetScenario().load.rate * 2) +
                      " }\nat = \"busiest\"\n[[step]]\ntext = \"The end.\"\nat = \"end\"\n");
        m_old = qgetenv("CONVIZ_SCENARIO_DIR");
        qputenv("CONVIZ_SCENARIO_DIR", m_dir.path().toUtf8());
    }
    ~PresetFolder()
    {
        if (m_old.isEmpty())
            qunsetenv("CONVIZ_SCENARIO_DIR");
        else
            qputenv("CONVIZ_SCENARIO_DIR", m_old);
    }
    QString preset() const { return m_dir.filePath(QStringLiteral("marked.toml")); }
    // The preset's values as its file has them.
    const Scenario &values()
    {
        m_values = *scenario::loadFile(preset().toStdString()).scenario;
        return m_values;
    }
    QString file(const QString &name) const { return m_dir.filePath(name); }
    std::vector<Preset> presets() const
    {
        PresetModel model;
        model.scan(m_dir.path());
        return model.presets();
    }

private:
    QTemporaryDir m_dir;
    QByteArray m_old;
    Scenario m_values;
};

// A window as the tests drive it: no sweeps, short debounce, errors recorded, nothing asked.
// A bookmark of the preset that is valid: tests change one thing in it.
inline const QString kValid =
    QStringLiteral("conviz_bookmark = 1\npreset = \"marked\"\nseed = 7\n[edits]\n\"load.rate\" = "
                   "1500\n[view]\ninstant = 1000\n");

} // namespace conviz::gui::test
