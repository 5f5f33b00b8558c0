#include "gui/core/export_file.h"

#include <QFile>

#include <string_view>

namespace conviz::gui {

std::filesystem::path filePath(const QString &path)
{
    return std::filesystem::path(QFile::encodeName(path).toStdString());
}

std::optional<exports::ExportError> writeExportFile(const QString &path, const QByteArray &bytes,
                                                    exports::Overwrite overwrite)
{
    return exports::writeFileAtomically(
        filePath(path), std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())), overwrite);
}

QString exportErrorText(const exports::ExportError &error) { return QString::fromStdString(error.message); }

} // namespace conviz::gui
