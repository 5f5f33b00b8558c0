#include "engine/live/process_probe.h"

#include "engine/live/stack_registry.h"

#include <cstdio>
#include <cstring>

#include <sys/resource.h>

namespace conviz::live {

ProcessSample sampleProcess()
{
    ProcessSample s;
    const auto page = static_cast<std::int64_t>(pageSize());
    if (std::FILE *f = std::fopen("/proc/self/statm", "r")) {
        long long size = 0, resident = 0;
        if (std::fscanf(f, "%lld %lld", &size, &resident) == 2) {
            s.virtualBytes = size * page;
            s.rssBytes = resident * page;
        }
        std::fclose(f);
    }
    if (std::FILE *f = std::fopen("/proc/self/stat", "r")) {
        char buffer[1024] = {};
        const std::size_t n = std::fread(buffer, 1, sizeof buffer - 1, f);
        std::fclose(f);
        buffer[n] = '\0';
        // Field 20 is num_threads; fields are counted after the ")" that ends the command name,
        // which may itself hold spaces.
        if (const char *p = std::strrchr(buffer, ')')) {
            long long threads = 0;
            if (std::sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %*u %*u %*d %*d %*d %*d %lld",
                            &threads) == 1)
                s.threads = threads;
        }
    }
    return s;
}

ProcessTimes processTimes()
{
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    ProcessTimes t;
    t.cpuSeconds = static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
                   static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    t.voluntarySwitches = u.ru_nvcsw;
    t.involuntarySwitches = u.ru_nivcsw;
    return t;
}

std::int64_t memAvailableBytes()
{
    std::int64_t bytes = 0;
    if (std::FILE *f = std::fopen("/proc/meminfo", "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, f)) {
            long long kib = 0;
            if (std::sscanf(line, "MemAvailable: %lld kB", &kib) == 1) {
                bytes = kib * 1024;
                break;
            }
        }
        std::fclose(f);
    }
    return bytes;
}

} // namespace conviz::live
