// Predict, then reveal (docs/tours.md, "Checkpoints"), driven with keys only, as a presenter does:
// every preset's tour is walked with Page Down to its checkpoint, where the answer's views are
// covered by an opaque veil (the window's pixels there are the veil's), the room's key enters the
// answer and Enter reveals: the veils go, the prediction stands beside the result and the step's
// "why" follows. Paging past without revealing, going back and leaving the tour never leave a view
// covered. Screenshots of a checkpoint before and after the reveal are saved for the docs.
#include "gui/app/launch.h"
#include "gui/app/main_window.h"
#include "gui/app/session.h"
#include "gui/core/checkpoint.h"
#include "gui/core/model_palette.h"
#include "gui/core/playback_state.h"
#include "gui/core/preset_model.h"
#include "gui/core/simulation_controller.h"
#include "gui/core/tour.h"
#include "gui/widgets/charts_pane.h"
#include "gui/widgets/checkpoint_panel.h"
#include "gui/widgets/checkpoint_veil.h"
#include "gui/widgets/model_column.h"
#include "gui/widgets/tour_panel.h"
#include "tour_support.h"

#include <QComboBox>
#include <QCommandLineParser>
#include <QDir>
#include <QImage>
#include <QMessageBox>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace conviz;
using namespace conviz::gui;
using test::framedWidget;
using test::kTours;
using test::presetPath;

namespace {

constexpr int kResultMs = test::kTourResultMs;

// Veils and badges on screen anywhere in the window.
int visibleOverlays(MainWindow &w)
{
    int n = 0;
    for (TargetOverlay *o : w.findChildren<TargetOverlay *>())
        n += o->isVisible() ? 1 : 0;
    return n;
}

class Walker {
public:
    Walker(MainWindow &w, const std::string &name) : m_w(w), m_name(name)
    {
        w.controller().setAutoSweep(false);
        w.controller().setDebounceMs(10);
        w.setUnsavedPrompt([] { return static_cast<int>(QMessageBox::Discard); });
        w.resize(1600, 1000);
        QSignalSpy result(&w.controller(), &SimulationController::resultAvailable);
        QCommandLineParser parser;
        addLaunchOptions(parser);
        EXPECT_TRUE(parser.parse({QStringLiteral("conviz"), presetPath(name)}));
        launch(w, launchOptions(parser));
        EXPECT_TRUE(result.wait(kResultMs));
        w.activateWindow();
        EXPECT_TRUE(QTest::qWaitForWindowActive(&w));
    }

    // Types `key` into the focused widget (the window if none); waits for the step it leads to.
    void press(Qt::Key key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        TourPanel *tour = m_w.tourPanel();
        QSignalSpy shown(tour, &TourPanel::stepShown);
        const int before = tour->isActive() ? tour->step() : -1;
        QWidget *focus = QApplication::focusWidget() ? QApplication::focusWidget() : &m_w;
        QTest::keyClick(focus, key, modifiers);
        if (tour->isActive() && tour->step() != before && shown.isEmpty()) {
            ASSERT_TRUE(shown.wait(kResultMs)) << "step " << tour->step() + 1 << " never arrived";
        }
        QApplication::processEvents();
    }

    // Page Down until a step with a checkpoint; its index, or -1 at the end of the tour.
    int pageToCheckpoint()
    {
        TourPanel *tour = m_w.tourPanel();
        while (tour->isActive()) {
            if (tour->tour()->steps[static_cast<std::size_t>(tour->step())].checkpoint)
                return tour->step();
            press(Qt::Key_PageDown);
        }
        return -1;
    }

    // Every view the checkpoint hides is under a visible veil whose pixels are what the window shows there.
    void expectVeiled(const scenario::Checkpoint &c)
    {
        CheckpointPanel *panel = m_w.tourPanel()->checkpoint();
        ASSERT_TRUE(panel->isActive());
        EXPECT_FALSE(panel->isRevealed());
        EXPECT_TRUE(panel->isVisible());
        const std::vector<CheckpointVeil *> veils = panel->veils();
        ASSERT_EQ(veils.size(), c.hide.size());
        const QImage window = m_w.grab().toImage();
        for (std::size_t i = 0; i < veils.size(); ++i) {
            QWidget *view = framedWidget(m_w, c.hide[i]);
            ASSERT_TRUE(view);
            EXPECT_EQ(veils[i]->target(), view);
            if (!view->isVisible())
                continue; // a dock this layout hides: nothing to cover
            const QRect r(view->mapTo(&m_w, QPoint(0, 0)), view->size());
            EXPECT_TRUE(veils[i]->isVisible()) << "view " << i << " is not veiled";
            EXPECT_EQ(veils[i]->geometry(), r);
            // Opaque and on top: the window's pixels over the view are the veil's own (inside the
            // tour's frame, which may run along a neighbour's edge).
            const QImage veil = veils[i]->grab().toImage().convertToFormat(window.format());
            const QRect inner =
                (QRect(QPoint(0, 0), r.size()) & m_w.rect().translated(-r.topLeft())).adjusted(4, 4, -4, -4);
            EXPECT_TRUE(window.copy(inner.translated(r.topLeft())) == veil.copy(inner))
                << "the view shows through its veil (" << i << ")";
        }
    }

    void expectNothingVeiled()
    {
        EXPECT_TRUE(m_w.tourPanel()->checkpoint()->veils().empty());
        for (CheckpointVeil *v : m_w.findChildren<CheckpointVeil *>())
            EXPECT_FALSE(v->isVisible()) << "a veil is left on screen";
    }

    MainWindow &m_w;
    std::string m_name;
};

class CheckpointByKeys : public ::testing::TestWithParam<const char *> {};

} // namespace

// Ctrl+T, Page Down to the checkpoint, the answer's key (or ↑ for a guess), Enter; then Page Down
// to the end of the tour: nothing stays covered.
TEST_P(CheckpointByKeys, VeilsTheAnswerTakesThePredictionAndRevealsItWithTheWhy)
{
    const std::string name = GetParam();
    MainWindow w;
    Walker k(w, name);
    k.press(Qt::Key_T, Qt::ControlModifier);
    ASSERT_TRUE(w.tourPanel()->isActive());
    int checkpoints = 0;
    for (int at = k.pageToCheckpoint(); at >= 0; at = k.pageToCheckpoint()) {
        SCOPED_TRACE(name + ", step " + std::to_string(at + 1));
        ++checkpoints;
        const scenario::Checkpoint c = *w.tourPanel()->tour()->steps[static_cast<std::size_t>(at)].checkpoint;
        CheckpointPanel *panel = w.tourPanel()->checkpoint();
        k.expectVeiled(c);
        EXPECT_TRUE(panel->verdict().isEmpty());
        EXPECT_TRUE(panel->why().isEmpty()) << "the why shows before the reveal";

        const bool choice = c.kind == scenario::Checkpoint::Kind::Choice;
        if (choice) {
            k.press(static_cast<Qt::Key>(Qt::Key_1 + static_cast<int>(c.answer)));
            ASSERT_TRUE(panel->prediction());
            EXPECT_EQ(*panel->prediction(), static_cast<double>(c.answer));
        } else {
            k.press(Qt::Key_Up);
            k.press(Qt::Key_Up);
            ASSERT_TRUE(panel->prediction());
            EXPECT_GT(*panel->prediction(), (c.min + c.max) / 2);
        }
        k.expectVeiled(c); // the prediction does not lift the veils
        EXPECT_EQ(w.tourPanel()->step(), at) << "the prediction's key moved the tour";

        QSignalSpy revealed(panel, &CheckpointPanel::revealed);
        k.press(Qt::Key_Return);
        EXPECT_EQ(revealed.count(), 1);
        EXPECT_TRUE(panel->isRevealed());
        k.expectNothingVeiled();
        const QString verdict = panel->verdict();
        if (choice) {
            EXPECT_TRUE(verdict.startsWith(QStringLiteral("✓ You said: ") + checkpointChoiceLabel(c.choices[c.answer])))
                << verdict.toStdString();
        } else {
            EXPECT_TRUE(verdict.contains(QStringLiteral("You guessed"))) << verdict.toStdString();
        }
        EXPECT_EQ(panel->why(), QString::fromStdString(c.why));
        ASSERT_TRUE(panel->badge());
        EXPECT_TRUE(panel->badge()->isVisible()) << "the prediction is not drawn over the result";
        const QString badge = panel->badge()->text();
        if (choice) {
            EXPECT_TRUE(badge.startsWith(QStringLiteral("You said ") + modelStyle(c.choices[c.answer]).shortTitle))
                << badge.toStdString();
        } else {
            EXPECT_TRUE(badge.startsWith(QStringLiteral("You guessed "))) << badge.toStdString();
        }
        k.press(Qt::Key_PageDown);
        for (PredictionBadge *b : w.findChildren<PredictionBadge *>())
            EXPECT_FALSE(b->isVisible()) << "the next step still shows the prediction";
        if (!w.tourPanel()->isActive() ||
            !w.tourPanel()->tour()->steps[static_cast<std::size_t>(w.tourPanel()->step())].checkpoint) {
            EXPECT_EQ(visibleOverlays(w), 0) << "the next step still shows a veil";
        }
    }
    EXPECT_GE(checkpoints, 1) << "this tour has no checkpoint";
    EXPECT_FALSE(w.tourPanel()->isActive());
    EXPECT_EQ(visibleOverlays(w), 0);
}

// Page Down past an unrevealed checkpoint, Page Up back to it, then another preset: the veils go
// each time the checkpoint leaves the screen, and come back with it.
TEST_P(CheckpointByKeys, PagingPastOrLeavingTheTourNeverLeavesAViewCovered)
{
    const std::string name = GetParam();
    MainWindow w;
    Walker k(w, name);
    k.press(Qt::Key_T, Qt::ControlModifier);
    const int at = k.pageToCheckpoint();
    ASSERT_GE(at, 0);
    const scenario::Checkpoint c = *w.tourPanel()->tour()->steps[static_cast<std::size_t>(at)].checkpoint;
    k.expectVeiled(c);
    k.press(Qt::Key_PageDown);
    if (w.tourPanel()->isActive() && !w.tourPanel()->tour()->steps[static_cast<std::size_t>(at + 1)].checkpoint) {
        k.expectNothingVeiled();
    }
    k.press(Qt::Key_PageUp);
    ASSERT_EQ(w.tourPanel()->step(), at);
    k.expectVeiled(c);
    w.setPresentationMode(true); // F5's layout: the veils follow the views
    QApplication::processEvents();
    k.expectVeiled(c);
    w.setPresentationMode(false);
    ASSERT_TRUE(w.session().switchTo(presetPath(name == "default" ? "c10k" : "default")));
    EXPECT_FALSE(w.tourPanel()->isActive());
    EXPECT_EQ(visibleOverlays(w), 0);
    k.expectNothingVeiled();
}

INSTANTIATE_TEST_SUITE_P(PresetTours, CheckpointByKeys, ::testing::ValuesIn(kTours), test::tourTestName);

// For the docs: benchmark-trap's checkpoint with a (wrong) answer entered, then revealed.
TEST(Checkpoint, ScreenshotsBeforeAndAfterTheReveal)
{
    MainWindow w;
    Walker k(w, "benchmark-trap");
    k.press(Qt::Key_T, Qt::ControlModifier);
    const int at = k.pageToCheckpoint();
    ASSERT_GE(at, 0);
    const scenario::Checkpoint c = *w.tourPanel()->tour()->steps[static_cast<std::size_t>(at)].checkpoint;
    ASSERT_EQ(c.kind, scenario::Checkpoint::Kind::Choice);
    k.press(static_cast<Qt::Key>(Qt::Key_1 + static_cast<int>((c.answer + 1) % c.choices.size())));
    const QString shots =
        qEnvironmentVariable("CONVIZ_SCREENSHOT_DIR", QDir::currentPath() + QStringLiteral("/screenshots"));
    QDir().mkpath(shots);
    QTest::qWait(50); // the layout settles
    EXPECT_TRUE(w.grab().save(shots + QStringLiteral("/checkpoint_before.png")));
    k.press(Qt::Key_Return);
    ASSERT_TRUE(w.tourPanel()->checkpoint()->isRevealed());
    EXPECT_TRUE(w.tourPanel()->checkpoint()->verdict().startsWith(QStringLiteral("You said: ")));
    QTest::qWait(50); // the tour's text takes the room the inputs left
    EXPECT_TRUE(w.grab().save(shots + QStringLiteral("/checkpoint_after.png")));
}
