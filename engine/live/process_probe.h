// What the process looks like from outside: memory and threads from /proc, CPU time and context
// switches from getrusage. Internal to conviz_live.
#pragma once

#include <cstdint>

namespace conviz::live {

struct ProcessSample {
    std::int64_t rssBytes = 0;
    std::int64_t virtualBytes = 0;
    std::int64_t threads = 0;
};
// /proc/self/statm and /proc/self/stat now; zeros where they cannot be read.
ProcessSample sampleProcess();

struct ProcessTimes {
    double cpuSeconds = 0; // user + system, every thread of the process
    std::int64_t voluntarySwitches = 0;
    std::int64_t involuntarySwitches = 0;
};
ProcessTimes processTimes();

// /proc/meminfo's MemAvailable (what can be committed without swapping), in bytes; 0 if unknown.
std::int64_t memAvailableBytes();

} // namespace conviz::live
