// The listening socket. cpp-httplib 0.11 (Debian 12) listens with a backlog
// of 5 and SO_REUSEPORT, both compiled into libcpp-httplib:
// - a burst of connections while the accept loop waits for a core overflows
//   a backlog of 5; the kernel drops the handshakes and the clients retry
//   after 1, 3, 7, 15 s (wrk at 64 connections saw requests over 20 s);
// - SO_REUSEPORT lets a second server bind the same port and silently take
//   a share of the connections, so "port in use" never shows.
// bind_listener() binds with SO_REUSEADDR only (a restart still binds over
// TIME_WAIT) and sets the backlog the caller asks for.
#pragma once

#include <string>

#include <httplib.h>

namespace sotay {

// Default backlog: the kernel caps it at net.core.somaxconn (4096 on
// Debian 12).
constexpr int DEFAULT_LISTEN_BACKLOG = 1024;

// Binds `http` to host:port (port 0: any free port) and returns the port;
// -1 when the address cannot be bound (port in use, bad host).
int bind_listener(httplib::Server& http, const std::string& host, int port, int backlog);

}  // namespace sotay
