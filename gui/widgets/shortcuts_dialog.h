// The keyboard shortcuts, listed (the `?` key).
#pragma once

#include <QDialog>

namespace conviz::gui {

class ShortcutsDialog : public QDialog {
    Q_OBJECT
public:
    explicit ShortcutsDialog(QWidget *parent = nullptr);
};

} // namespace conviz::gui
