// Text helpers shared by every layer: quoting values for messages.
#pragma once

#include <string>
#include <string_view>

namespace kubelint {

// Quotes a value for messages: 'value', with control characters escaped and long values cut.
[[nodiscard]] std::string quote(std::string_view value);

}  // namespace kubelint
