#include "listener.h"

#include <sys/socket.h>

namespace sotay {

namespace {

void reuse_address(socket_t sock) {
  int yes = 1;
  ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
}

}  // namespace

int bind_listener(httplib::Server& http, const std::string& host, int port, int backlog) {
  // httplib calls the socket options hook for each address it tries, before
  // bind(); the last socket it saw is the one it bound.
  socket_t bound = INVALID_SOCKET;
  http.set_socket_options([&bound](socket_t sock) {
    reuse_address(sock);
    bound = sock;
  });
  int result = -1;
  if (port == 0) {
    result = http.bind_to_any_port(host);
  } else if (http.bind_to_port(host, port)) {
    result = port;
  }
  http.set_socket_options(reuse_address);  // `bound` goes out of scope
  if (result < 0 || bound == INVALID_SOCKET) return -1;
  // listen() again on a listening socket sets its backlog (Linux, BSDs).
  if (::listen(bound, backlog) != 0) return -1;
  return result;
}

}  // namespace sotay
