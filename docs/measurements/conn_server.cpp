// An idle-connection memory server: one std::thread per connection, measured by conn_memory.py.
//
//   g++ -O2 -std=c++20 -pthread -o conn_server_cpp conn_server.cpp && ./conn_server_cpp
//
// Listens on a free loopback port and prints it. The accept loop gives each connection a thread
// of its own (default stack: 8 MiB reserved) that reads requests into a 4 KiB input buffer and
// writes answers from a 4 KiB output buffer, both std::vector<char> and so zero-filled and
// resident: the same two 4 KiB buffers Go's net/http keeps per connection (bufio.Reader and
// bufio.Writer), the common size of a blocking server's read buffer. Between requests the thread
// blocks in read(): the thread-per-connection server's idle keep-alive connection.
// GET /park?n=N starts N bare threads waiting on a condition variable (the bare-task figure).
#include <arpa/inet.h>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <netinet/in.h>
#include <string>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {
std::mutex gMutex;
std::condition_variable gGate;

void park()
{
    std::unique_lock lock(gMutex);
    gGate.wait(lock, [] { return false; });
}

void serve(int fd)
{
    std::vector<char> in(4096), out(4096);
    std::size_t have = 0;
    for (;;) {
        ssize_t got = read(fd, in.data() + have, in.size() - have);
        if (got <= 0)
            break;
        have += static_cast<std::size_t>(got);
        std::string_view text(in.data(), have);
        std::size_t end = text.find("\r\n\r\n");
        if (end == std::string_view::npos) {
            if (have == in.size())
                break; // a request head over 4 KiB: refused, as a small server would
            continue;
        }
        if (text.starts_with("GET /park?n=")) {
            long n = std::strtol(in.data() + 12, nullptr, 10);
            for (long i = 0; i < n; ++i)
                std::thread(park).detach();
        }
        int len = std::snprintf(out.data(), out.size(), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        if (write(fd, out.data(), static_cast<std::size_t>(len)) != len)
            break;
        have -= end + 4;
        std::memmove(in.data(), in.data() + end + 4, have);
    }
    close(fd);
}
} // namespace

int main()
{
    int ls = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (bind(ls, reinterpret_cast<sockaddr *>(&addr), len) != 0 || listen(ls, 4096) != 0 ||
        getsockname(ls, reinterpret_cast<sockaddr *>(&addr), &len) != 0) {
        std::perror("listen");
        return 1;
    }
    std::printf("%d\n", ntohs(addr.sin_port));
    std::fflush(stdout);
    for (;;) {
        int fd = accept(ls, nullptr, nullptr);
        if (fd >= 0)
            std::thread(serve, fd).detach();
    }
}
