// Help in place (Shift+F1, Help › What's This?): every view and every control of the window says
// what it shows and how to read it, each model's scheduler in its own terms, each knob with its
// key and description; Shift+F1 on the focused control shows its text.
#include "gui/app/main_window.h"
#include "gui/core/simulation_controller.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/parameter_panel.h"
#include "gui/widgets/request_strip.h"
#include "gui/widgets/scheduler_view.h"
#include "gui/widgets/whats_this.h"

#include "engine/scenario/parameters.h"

#include <QAbstractButton>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QHelpEvent>
#include <QMenuBar>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSlider>
#include <QTabBar>
#include <QTest>
#include <QWhatsThis>

#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::gui;

namespace {

std::unique_ptr<MainWindow> shownWindow()
{
    auto w = std::make_unique<MainWindow>();
    w->controller().setAutoSweep(false);
    w->setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
    w->resize(1600, 1000);
    w->show();
    QSignalSpy spy(&w->controller(), &SimulationController::resultAvailable);
    w->openInitial(QString()); // the default preset
    EXPECT_TRUE(spy.wait(120000)) << "no result: a guard against a hang, not a measurement";
    return w;
}

// A control a user can operate: what must have a text.
bool isControl(const QWidget *w)
{
    if (qobject_cast<const QAbstractSlider *>(w) == nullptr && qobject_cast<const QAbstractSpinBox *>(w) == nullptr &&
        qobject_cast<const QComboBox *>(w) == nullptr && qobject_cast<const QAbstractButton *>(w) == nullptr)
        return false;
    // Qt's own furniture, not the app's: a dock's float and close buttons, a tab bar's or the menu
    // bar's scroll arrows, a scroll area's bars.
    const QWidget *parent = w->parentWidget();
    if (qobject_cast<const QDockWidget *>(parent) != nullptr || qobject_cast<const QTabBar *>(parent) != nullptr ||
        qobject_cast<const QMenuBar *>(parent) != nullptr)
        return false;
    return QString::fromLatin1(w->metaObject()->className()) != QStringLiteral("QScrollBar");
}

// The widget's own text, or the one the window's guide finds for it.
QString helpOf(const QWidget *w) { return whatsThisText(w); }

} // namespace

TEST(WhatsThis, EveryControlAndViewOfTheWindowSaysWhatItIs)
{
    auto w = shownWindow();
    QStringList missing;
    int controls = 0;
    for (QWidget *child : w->findChildren<QWidget *>()) {
        if (!isControl(child)) // hidden ones too: a tab not shown yet, a dock closed
            continue;
        ++controls;
        if (helpOf(child).isEmpty())
            missing << QStringLiteral("%1 \"%2\" (%3)")
                           .arg(QString::fromLatin1(child->metaObject()->className()), child->objectName(),
                                child->parentWidget()
                                    ? QString::fromLatin1(child->parentWidget()->metaObject()->className())
                                    : QString());
    }
    EXPECT_GT(controls, 20) << "the window's sliders, spin boxes, combo boxes and buttons were not found";
    EXPECT_TRUE(missing.isEmpty()) << "no What's This text for: " << missing.join(QStringLiteral("; ")).toStdString();
    for (ModelColumn *column : w->columns()) {
        // Shown only while a request is followed, so hidden here.
        EXPECT_TRUE(helpOf(column->requestStrip()).contains(QStringLiteral("Followed request")));
        for (QWidget *view : column->findChildren<QWidget *>(Qt::FindDirectChildrenOnly)) {
            if (view->isVisibleTo(w.get()) && view->metaObject()->className() != QByteArray("QLabel")) {
                EXPECT_FALSE(helpOf(view).isEmpty()) << view->metaObject()->className();
            }
        }
    }
}

TEST(WhatsThis, EachModelsSchedulerIsExplainedInItsOwnTerms)
{
    auto w = shownWindow();
    QStringList texts;
    for (ModelColumn *column : w->columns()) {
        auto *scheduler = column->findChild<SchedulerView *>();
        ASSERT_NE(scheduler, nullptr);
        texts << helpOf(scheduler);
    }
    ASSERT_EQ(texts.size(), 3);
    EXPECT_TRUE(texts[0].contains(QStringLiteral("GOMAXPROCS"))) << texts[0].toStdString();
    EXPECT_TRUE(texts[0].contains(QStringLiteral("netpoller")));
    EXPECT_TRUE(texts[1].contains(QStringLiteral("libuv thread pool"))) << texts[1].toStdString();
    EXPECT_TRUE(texts[2].contains(QStringLiteral("kernel's run queue"))) << texts[2].toStdString();
    EXPECT_NE(texts[0], texts[1]);
    EXPECT_NE(texts[1], texts[2]);
}

TEST(WhatsThis, AKnobNamesItsKeyAndSaysWhatItDoes)
{
    auto w = shownWindow();
    const auto sliders = w->parameterPanel()->findChildren<QSlider *>();
    ASSERT_FALSE(sliders.isEmpty());
    for (QSlider *slider : sliders) {
        const QString key = slider->objectName().mid(5); // "knob:load.rate"
        const auto info = scenario::findParameter(key.toStdString());
        ASSERT_TRUE(info.has_value()) << key.toStdString();
        const QString text = helpOf(slider);
        EXPECT_TRUE(text.contains(key)) << text.toStdString();
        EXPECT_TRUE(text.contains(QString::fromStdString(info->description))) << key.toStdString();
        EXPECT_TRUE(text.contains(QStringLiteral("arrow keys")));
    }
}

TEST(WhatsThis, ShiftF1OnTheFocusedControlShowsItsText)
{
    auto w = shownWindow();
    QSlider *slider = w->parameterPanel()->findChild<QSlider *>();
    ASSERT_NE(slider, nullptr);
    slider->setFocus();
    QTest::keyClick(slider, Qt::Key_F1, Qt::ShiftModifier);
    QWidget *shown = nullptr;
    for (QWidget *top : QApplication::topLevelWidgets())
        if (top->isVisible() && top->metaObject()->className() == QByteArray("QWhatsThat"))
            shown = top;
    ASSERT_NE(shown, nullptr) << "Shift+F1 showed no What's This text";
    QWhatsThis::hideText();

    // In What's This mode a click on a view is answered: the query is accepted (the cursor says so).
    QWidget *view = w->columns()[0]->findChild<SchedulerView *>();
    QHelpEvent query(QEvent::QueryWhatsThis, QPoint(5, 5), view->mapToGlobal(QPoint(5, 5)));
    query.ignore();
    QApplication::sendEvent(view, &query);
    EXPECT_TRUE(query.isAccepted());
}
