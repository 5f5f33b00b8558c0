// Human-readable numbers with units for every view: bytes in KiB/MiB/GiB, times in ns/µs/ms/s,
// rates in req/s. Pure functions; safe from any thread.
#pragma once

#include <QString>

#include <cstdint>

namespace conviz::gui {

// "512 B", "2 KiB", "8 MiB", "80.0 GiB": binary units, at most three significant digits.
QString formatBytes(double bytes);
// "150 ns", "2.5 µs", "1.20 ms", "3.40 s".
QString formatDuration(double nanoseconds);
// An instant with enough digits to tell it from one `resolution` ns away, trailing zeros kept so
// that a ticking clock keeps its width: (1'562'347'000, 1e3) → "1.562 347 s", (568'123'400, 100) →
// "568.123 4 ms"; digits after the point come in groups of three. The unit is the instant's own.
QString formatInstant(double nanoseconds, double resolution);
// The playback clock: formatInstant with at least three significant digits (formatDuration's).
QString formatClock(double nanoseconds, double resolution);
// "12,345 req/s", "0.5 req/s".
QString formatRate(double perSecond);
// "79.7 %".
QString formatPercent(double fraction);
// "10,000" with thousands separators.
QString formatCount(std::int64_t value);
// A number with up to `significant` digits and thousands separators: "1,250", "0.125".
QString formatNumber(double value, int significant = 3);

} // namespace conviz::gui
