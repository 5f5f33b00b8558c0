// The one palette of conviz's animated GIFs, and nearest-colour mapping into it. A fixed palette
// keeps every frame's colours stable and the output deterministic; it holds the Okabe–Ito colours
// the views draw with (exactly), their tints, 65 greys and a colour cube for everything else.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace conviz::exports {

struct Rgb {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    friend bool operator==(const Rgb &, const Rgb &) = default;
};

inline constexpr std::array<std::uint32_t, 8> kOkabeIto{0x000000, 0xE69F00, 0x56B4E9, 0x009E73,
                                                        0xF0E442, 0x0072B2, 0xD55E00, 0xCC79A7};

// The 256 colours, index order fixed forever (changing it changes every GIF's bytes).
const std::array<Rgb, 256> &gifPalette();

// Maps colours to palette indices: the nearest by a perceptually weighted distance (2·Δr² + 4·Δg²
// + 3·Δb²), the lowest index on a tie, so palette colours map to themselves. Keeps a cache; one
// mapper per thread.
class PaletteMapper {
public:
    PaletteMapper();

    std::uint8_t index(Rgb colour);
    // RGBA8888, not premultiplied: composited over white first (GIF frames here are opaque).
    std::uint8_t indexRgba(std::uint8_t r, std::uint8_t g, std::uint8_t b, std::uint8_t a);

private:
    std::vector<std::uint32_t> m_keys; // rgb | valid bit, direct-mapped by a hash of rgb
    std::vector<std::uint8_t> m_values;
};

} // namespace conviz::exports
