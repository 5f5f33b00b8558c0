// Builds a fuzz target's seed corpus at build time, so it follows the presets and the tests:
//   make_seeds OUT_DIR copy FILE...          each file as one seed (presets, tours)
//   make_seeds OUT_DIR error-cases FILE...   the text of every ErrorCase{"Name", "text", ...} row of
//                                            the scenario tests, with a minimal [request] when it has
//                                            none (as the tests load them)
//   make_seeds OUT_DIR literals FILE...      every string literal of the files (tour tests)
//   make_seeds OUT_DIR overrides FILE...     "--set\n<literal>" for every one-line literal with a `=`
// Seeds are named after their source file and place, so a rebuild writes the same names.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct Literal {
    std::size_t at = 0; // where it starts in the file
    std::string text;   // adjacent literals joined, escapes resolved
};

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// One quoted literal starting at s[i] == '"'; returns its text and moves i past it.
std::string quoted(std::string_view s, std::size_t &i)
{
    std::string out;
    for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            out += s[i];
            continue;
        }
        const char e = s[++i];
        switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '0': out += '\0'; break;
        case 'x': {
            int v = 0;
            while (i + 1 < s.size() && hexValue(s[i + 1]) >= 0)
                v = v * 16 + hexValue(s[++i]);
            out += static_cast<char>(v);
            break;
        }
        default: out += e; break;
        }
    }
    ++i;
    return out;
}

// Every string literal of C++ source, comments and character literals skipped.
std::vector<Literal> literalsOf(std::string_view s)
{
    std::vector<Literal> out;
    bool joinable = false; // only whitespace since the last literal
    for (std::size_t i = 0; i < s.size();) {
        if (s.substr(i, 2) == "//") {
            i = s.find('\n', i);
            i = i == std::string_view::npos ? s.size() : i;
        } else if (s.substr(i, 2) == "/*") {
            i = s.find("*/", i + 2);
            i = i == std::string_view::npos ? s.size() : i + 2;
        } else if (s[i] == '\'') {
            i += s[i + 1] == '\\' ? 4 : 3;
            joinable = false;
        } else if (s.substr(i, 2) == "R\"") {
            const std::size_t open = s.find('(', i);
            const std::string close = ")" + std::string(s.substr(i + 2, open - i - 2)) + "\"";
            const std::size_t end = s.find(close, open);
            out.push_back({i, std::string(s.substr(open + 1, end - open - 1))});
            i = end + close.size();
            joinable = true;
        } else if (s[i] == '"') {
            const std::size_t at = i;
            std::string text = quoted(s, i);
            if (joinable && !out.empty())
                out.back().text += text;
            else
                out.push_back({at, std::move(text)});
            joinable = true;
        } else {
            if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t')
                joinable = false;
            ++i;
        }
    }
    return out;
}

void writeSeed(const fs::path &dir, const fs::path &source, std::size_t n, const std::string &text)
{
    char suffix[16];
    std::snprintf(suffix, sizeof suffix, "-%03zu", n);
    std::ofstream(dir / (source.stem().string() + suffix), std::ios::binary) << text;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 4) {
        std::fprintf(stderr, "usage: make_seeds OUT_DIR copy|error-cases|literals|overrides FILE...\n");
        return 2;
    }
    const fs::path dir = argv[1];
    const std::string_view mode = argv[2];
    fs::create_directories(dir);
    for (int a = 3; a < argc; ++a) {
        const fs::path source = argv[a];
        std::ifstream in(source, std::ios::binary);
        if (!in) {
            std::fprintf(stderr, "make_seeds: cannot read %s\n", argv[a]);
            return 1;
        }
        const std::string text(std::istreambuf_iterator<char>(in), {});
        if (mode == "copy") {
            std::ofstream(dir / source.filename(), std::ios::binary) << text;
            continue;
        }
        const std::vector<Literal> literals = literalsOf(text);
        std::size_t n = 0;
        for (std::size_t k = 0; k < literals.size(); ++k) {
            const std::string &lit = literals[k].text;
            if (mode == "error-cases") {
                // ErrorCase{"Name", "text", ...}: the literal after the one that follows `ErrorCase{`.
                const std::size_t row = text.rfind("ErrorCase{", literals[k].at);
                if (k == 0 || row == std::string::npos || literals[k - 1].at < row ||
                    (k >= 2 && literals[k - 2].at > row))
                    continue;
                std::string seed = lit;
                if (seed.find("[request]") == std::string::npos && seed.find("request.") == std::string::npos)
                    seed += "\n[request]\nsteps = [ { cpu = \"1ms\" } ]\n";
                writeSeed(dir, source, n++, seed);
            } else if (mode == "literals") {
                if (lit.size() >= 4)
                    writeSeed(dir, source, n++, lit);
            } else if (mode == "overrides") {
                if (lit.find('=') != std::string::npos && lit.find('\n') == std::string::npos)
                    writeSeed(dir, source, n++, "--set\n" + lit);
            } else {
                std::fprintf(stderr, "make_seeds: unknown mode %s\n", argv[2]);
                return 2;
            }
        }
    }
    return 0;
}
