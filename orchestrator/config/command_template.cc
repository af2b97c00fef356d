#include "orchestrator/config/command_template.h"

#include "common/shell_quote.h"

namespace campaign {

Result<std::vector<std::string>> SplitCommandLine(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  bool in_word = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) out.push_back(std::move(word));
      word.clear();
      in_word = false;
      continue;
    }
    in_word = true;
    if (c == '\\') {
      if (i + 1 == text.size()) {
        return Status::Error(Reason::kInvalidArgument,
                             "the command ends with a backslash; escape it as \\\\ or quote it");
      }
      word += text[++i];
    } else if (c == '\'') {
      const size_t end = text.find('\'', i + 1);
      if (end == std::string_view::npos) {
        return Status::Error(Reason::kInvalidArgument,
                             "unterminated ' quote at character " + std::to_string(i + 1));
      }
      word.append(text.substr(i + 1, end - i - 1));
      i = end;
    } else if (c == '"') {
      size_t j = i + 1;
      for (; j < text.size() && text[j] != '"'; ++j) {
        if (text[j] == '\\' && j + 1 < text.size() &&
            std::string_view("\"\\$`").find(text[j + 1]) != std::string_view::npos) {
          ++j;
        }
        word += text[j];
      }
      if (j >= text.size()) {
        return Status::Error(Reason::kInvalidArgument,
                             "unterminated \" quote at character " + std::to_string(i + 1));
      }
      i = j;
    } else {
      word += c;
    }
  }
  if (in_word) out.push_back(std::move(word));
  if (out.empty()) return Status::Error(Reason::kInvalidArgument, "the command is empty");
  return out;
}

const std::vector<std::string>& CommandPlaceholders() {
  static const std::vector<std::string> kNames = {
      "model",      "model_name", "batch",  "precision",  "shape",       "engine",
      "output_dir", "device",     "warmup", "iterations", "campaign_dir"};
  return kNames;
}

namespace {

// Walks `text`, calling on_text for literal text and on_name for {name}.
// Returns the index of an unterminated '{', or npos.
template <typename OnText, typename OnName>
size_t Walk(std::string_view text, OnText on_text, OnName on_name) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      on_text(c);
      ++i;
    } else if (c == '{') {
      const size_t end = text.find('}', i + 1);
      if (end == std::string_view::npos) return i;
      on_name(std::string(text.substr(i + 1, end - i - 1)));
      i = end;
    } else {
      on_text(c);
    }
  }
  return std::string_view::npos;
}

}  // namespace

namespace {
constexpr std::string_view kQuoted = ":q";

// "model:q" -> "model" (and *quoted = true).
std::string BaseName(const std::string& name, bool* quoted = nullptr) {
  const bool q = name.size() > kQuoted.size() && name.ends_with(kQuoted);
  if (quoted) *quoted = q;
  return q ? name.substr(0, name.size() - kQuoted.size()) : name;
}
}  // namespace

std::vector<std::string> PlaceholdersIn(std::string_view text) {
  std::vector<std::string> names;
  Walk(
      text, [](char) {}, [&](const std::string& name) { names.push_back(BaseName(name)); });
  return names;
}

Result<std::string> ExpandPlaceholders(std::string_view arg,
                                       const std::map<std::string, std::string>& values) {
  std::string out;
  std::string unknown;
  const size_t open = Walk(
      arg, [&](char c) { out += c; },
      [&](const std::string& name) {
        bool quoted = false;
        auto it = values.find(BaseName(name, &quoted));
        if (it == values.end()) {
          if (unknown.empty()) unknown = name;
        } else {
          out += quoted ? ShellQuote(it->second) : it->second;
        }
      });
  if (open != std::string_view::npos) {
    return Status::Error(Reason::kInvalidArgument,
                         "unterminated '{' in '" + std::string(arg) + "'; write {{ for a brace");
  }
  if (!unknown.empty()) {
    std::string known;
    for (const auto& n : CommandPlaceholders()) known += (known.empty() ? "{" : ", {") + n + "}";
    return Status::Error(Reason::kInvalidArgument,
                         "unknown placeholder {" + unknown + "} (known: " + known +
                             "; add :q for a shell-quoted value, e.g. {model:q})");
  }
  return out;
}

}  // namespace campaign
