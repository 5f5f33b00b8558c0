// The scenario presets: every *.toml in the preset directory, with its name, description and the
// teaching note beside it (<name>.md). Where the directory is comes from presetDirectory().
#pragma once

#include <QAbstractListModel>
#include <QString>
#include <QStringList>

#include <vector>

namespace conviz::gui {

struct Preset {
    QString name; // from the file's `name`, or the file's base name
    QString description;
    QString path;     // the .toml
    QString notePath; // the .md beside it, or empty
    QString error;    // the loader's message if the file is not valid
};

class PresetModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        PathRole = Qt::UserRole + 1,
        NotePathRole,
        DescriptionRole,
        ErrorRole,
    };

    explicit PresetModel(QObject *parent = nullptr);

    // Reads every preset in `directory` (sorted by file name, "default" first).
    void scan(const QString &directory);
    const std::vector<Preset> &presets() const { return m_presets; }
    int rowOfPath(const QString &path) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    std::vector<Preset> m_presets;
};

// Where the presets are: $CONVIZ_SCENARIO_DIR, then <exe>/../share/conviz/scenarios (installed),
// then the source tree's scenarios/ (a build run from its tree). The first that holds a .toml;
// empty if none does.
QString presetDirectory();

// The note for a scenario file: <dir>/<base>.md if it exists, else empty.
QString notePathFor(const QString &scenarioPath);

} // namespace conviz::gui
