#include "engine/export/gif_palette.h"

#include "engine/core/contract.h"

#include <algorithm>

namespace conviz::exports {
namespace {

constexpr std::size_t kCacheSize = 1 << 16;
constexpr std::uint32_t kValid = 1u << 24;

Rgb fromHex(std::uint32_t hex)
{
    return {static_cast<std::uint8_t>(hex >> 16), static_cast<std::uint8_t>(hex >> 8), static_cast<std::uint8_t>(hex)};
}

// `c` moved `num/den` of the way towards `to`, rounded.
std::uint8_t mix(std::uint8_t c, int to, int num, int den)
{
    return static_cast<std::uint8_t>((c * (den - num) + to * num + den / 2) / den);
}

std::array<Rgb, 256> buildPalette()
{
    std::vector<Rgb> colours;
    const auto add = [&](Rgb c) {
        if (std::find(colours.begin(), colours.end(), c) == colours.end())
            colours.push_back(c);
    };
    for (std::uint32_t hex : kOkabeIto)
        add(fromHex(hex));
    // Tints: the views fill chips and areas with lighter versions; antialiased edges land near them.
    for (int k = 1; k <= 3; ++k)
        for (std::size_t i = 1; i < kOkabeIto.size(); ++i) {
            const Rgb c = fromHex(kOkabeIto[i]);
            add({mix(c.r, 255, k, 4), mix(c.g, 255, k, 4), mix(c.b, 255, k, 4)});
        }
    for (std::size_t i = 1; i < kOkabeIto.size(); ++i) {
        const Rgb c = fromHex(kOkabeIto[i]);
        add({mix(c.r, 0, 1, 2), mix(c.g, 0, 1, 2), mix(c.b, 0, 1, 2)});
    }
    // Greys every 4 levels: text, grid lines and backgrounds are grey, and banding shows there first.
    for (int v = 0; v < 256; v += 4)
        add({static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v), static_cast<std::uint8_t>(v)});
    add({255, 255, 255});
    // A 5 × 6 × 5 cube for any other colour (the eye tells green levels apart best).
    for (int r = 0; r < 5; ++r)
        for (int g = 0; g < 6; ++g)
            for (int b = 0; b < 5; ++b)
                add({static_cast<std::uint8_t>((r * 255 + 2) / 4), static_cast<std::uint8_t>(g * 51),
                     static_cast<std::uint8_t>((b * 255 + 2) / 4)});
    CONVIZ_ASSERT(colours.size() <= 256, "the GIF palette has at most 256 colours");
    std::array<Rgb, 256> palette{};
    std::copy(colours.begin(), colours.end(), palette.begin()); // the rest stays black, never nearest
    return palette;
}

} // namespace

const std::array<Rgb, 256> &gifPalette()
{
    static const std::array<Rgb, 256> palette = buildPalette();
    return palette;
}

PaletteMapper::PaletteMapper() : m_keys(kCacheSize, 0), m_values(kCacheSize, 0) {}

std::uint8_t PaletteMapper::index(Rgb c)
{
    const std::uint32_t rgb = (std::uint32_t{c.r} << 16) | (std::uint32_t{c.g} << 8) | c.b;
    const std::size_t slot = ((rgb * 2654435761u) >> 16) & (kCacheSize - 1);
    if (m_keys[slot] == (rgb | kValid))
        return m_values[slot];
    const auto &palette = gifPalette();
    std::uint32_t best = 0xffffffffu;
    std::size_t bestIndex = 0;
    for (std::size_t i = 0; i < palette.size(); ++i) {
        const int dr = int{c.r} - palette[i].r;
        const int dg = int{c.g} - palette[i].g;
        const int db = int{c.b} - palette[i].b;
        const auto d = static_cast<std::uint32_t>(2 * dr * dr + 4 * dg * dg + 3 * db * db);
        if (d < best) {
            best = d;
            bestIndex = i;
        }
    }
    m_keys[slot] = rgb | kValid;
    m_values[slot] = static_cast<std::uint8_t>(bestIndex);
    return m_values[slot];
}

std::uint8_t PaletteMapper::indexRgba(std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a)
{
    if (a == 255)
        return index({r, g, b});
    const auto over = [a](std::uint8_t c) { return static_cast<std::uint8_t>((c * a + 255 * (255 - a) + 127) / 255); };
    return index({over(r), over(g), over(b)});
}

} // namespace conviz::exports
