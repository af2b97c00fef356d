// Command templates of command backends: "tool --onnx={model} --batch {batch}".
//
// A template is split into arguments first, the way a POSIX shell splits
// words (blanks separate; '...' keeps everything literally; "..." keeps
// blanks and honours \" \\ \$ \`; a backslash outside quotes escapes the next
// character), but nothing else a shell does happens: no variables, globs,
// pipes or redirections. Placeholders are then replaced inside each argument,
// so a path with spaces stays one argument. A template that wants a shell
// says so: `sh -c '...'`.
//
// Quoting inside a shell string: {name} inserts the value as it is, which is
// safe only as a whole argument of the command itself (`tool --onnx={model}`).
// Inside a string that a shell reads again (`sh -c 'tool {model} | tee x'`),
// write {name:q}: the value is inserted single-quoted for /bin/sh, so a model
// file named `x;echo INJECTED.onnx` stays one word and runs nothing.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace campaign {

// kInvalidArgument for an unterminated quote or a trailing backslash, or when
// the text holds no argument.
Result<std::vector<std::string>> SplitCommandLine(std::string_view text);

// The placeholders a template may use:
//   {model} the model's .onnx path   {model_name} its name in the YAML
//   {batch} {precision} {shape}      {shape}: trtexec --shapes syntax from the
//                                    model's `inputs:` ("input:8x3x224x224")
//   {engine} our fixed-shape engine (the converter runs first only when used)
//   {output_dir} a fresh directory per attempt   {device} the device selector
//   {warmup} {iterations} from `measure:`        {campaign_dir} the YAML's dir
const std::vector<std::string>& CommandPlaceholders();

// The placeholder names used in `text` ("{batch}" -> "batch", "{model:q}" ->
// "model"), in order.
// "{{" and "}}" stand for literal braces.
std::vector<std::string> PlaceholdersIn(std::string_view text);

// Replaces every {name} of `arg` with values.at(name) and every {name:q}
// with ShellQuote(values.at(name)); "{{"/"}}" -> "{"/"}".
// kInvalidArgument naming an unknown placeholder.
Result<std::string> ExpandPlaceholders(std::string_view arg,
                                       const std::map<std::string, std::string>& values);

}  // namespace campaign
