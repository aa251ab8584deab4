#pragma once
// Diagnostics as a compiler prints them: "file:line:col: error: message", then the source line
// and a caret under the column; colour on a terminal, none when piped or with NO_COLOR.
#include <cstdio>
#include <string>

#include "util/diagnostics.h"

namespace oitgen::cli {

// Whether to colour what goes to `stream`: a terminal, NO_COLOR unset, TERM not "dumb".
bool use_colour(std::FILE* stream);

// Every diagnostic, errors first, each with its source line when the file can be read.
std::string render(const Diagnostics& diags, bool colour);

}  // namespace oitgen::cli
