#pragma once
// `oitgen serve DIR [--listen HOST:PORT] [--token-file FILE]`: the editor in the browser.
#include <ostream>
#include <string>

#include "pipeline/resources.h"

namespace oitgen::cli {

struct ServeOptions {
  std::string dir;
  std::string listen;      // "HOST:PORT", "HOST", ":PORT" or "" (127.0.0.1:8080, else the next free)
  std::string token_file;  // required on an address other than loopback
};

int run_serve(const ServeOptions& options, pipeline::Resources& resources, std::ostream& out, std::ostream& err);

}  // namespace oitgen::cli
