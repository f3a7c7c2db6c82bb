// Every HTTP route of the server, in dispatch order, in one function.
#pragma once

#include <httplib.h>

#include "handlers.h"

namespace sotay {

void register_routes(httplib::Server& server, Handlers& handlers);

}  // namespace sotay
