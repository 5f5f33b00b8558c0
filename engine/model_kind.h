// The three concurrency models conviz compares.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace conviz {

enum class ModelKind : std::uint8_t { Fibers, EventLoop, Threads };

inline constexpr std::array<ModelKind, 3> kAllModels{ModelKind::Fibers, ModelKind::EventLoop, ModelKind::Threads};

// The key used in files, JSON and on the command line: "fibers", "event_loop", "threads".
std::string_view modelKey(ModelKind m);
// A short human name: "Fibers (Go)", "Event loop (Node.js)", "OS threads".
std::string_view modelTitle(ModelKind m);
std::optional<ModelKind> modelFromKey(std::string_view key);

} // namespace conviz
