#include "engine/model_kind.h"

namespace conviz {

std::string_view modelKey(ModelKind m)
{
    switch (m) {
    case ModelKind::Fibers: return "fibers";
    case ModelKind::EventLoop: return "event_loop";
    case ModelKind::Threads: return "threads";
    }
    return "?";
}

std::string_view modelTitle(ModelKind m)
{
    switch (m) {
    case ModelKind::Fibers: return "Fibers (Go)";
    case ModelKind::EventLoop: return "Event loop (Node.js)";
    case ModelKind::Threads: return "OS threads";
    }
    return "?";
}

std::optional<ModelKind> modelFromKey(std::string_view key)
{
    for (ModelKind m : kAllModels)
        if (modelKey(m) == key)
            return m;
    return std::nullopt;
}

} // namespace conviz
