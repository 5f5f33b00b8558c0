// Exported files from the app's side: a QString path to the Qt-free atomic writer
// (engine/core/atomic_file.h), and its errors as text for a dialog. Any thread.
#pragma once

#include "engine/core/atomic_file.h"

#include <QByteArray>
#include <QString>

#include <filesystem>
#include <optional>

namespace conviz::gui {

// The path as the file system spells it (QFile::encodeName).
std::filesystem::path filePath(const QString &path);

// Writes `bytes` to `path` in full or not at all; an existing file is replaced only with Replace.
std::optional<exports::ExportError> writeExportFile(const QString &path, const QByteArray &bytes,
                                                    exports::Overwrite overwrite);

// The error's sentence, for a dialog: "cannot write /data/x.png: permission denied".
QString exportErrorText(const exports::ExportError &error);

} // namespace conviz::gui
