// secret-in-env-value: a credential written as a literal env value (DB_PASSWORD: "hunter2", or a
// password inside a connection string) instead of coming from a Secret through secretKeyRef.
// The value is never printed in the finding.
#include <algorithm>
#include <array>
#include <string>

#include "base/placeholder.hpp"
#include "k8s/env.hpp"
#include "k8s/workload.hpp"
#include "sdk/rule.hpp"

namespace kubelint {
namespace secret_in_env_value {

// DB_PASSWORD → [DB, PASSWORD]; dbPassword → [DB, PASSWORD]; spring.datasource.password →
// [SPRING, DATASOURCE, PASSWORD].
std::vector<std::string> name_tokens(std::string_view name) {
  std::vector<std::string> out;
  std::string cur;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (!is_alnum(c)) {
      if (!cur.empty()) out.push_back(std::move(cur));
      cur.clear();
      continue;
    }
    if (is_upper(c) && i > 0 && is_lower(name[i - 1]) && !cur.empty()) {
      out.push_back(std::move(cur));
      cur.clear();
    }
    cur.push_back(to_upper(c));
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

template <std::size_t N>
bool one_of(std::string_view s, const std::array<std::string_view, N>& set) noexcept {
  return std::find(set.begin(), set.end(), s) != set.end();
}

// Words that make a name a credential on their own.
constexpr std::array<std::string_view, 12> kSecretWords = {
    "PASSWORD",   "PASSWD",      "PASSPHRASE", "SECRET",    "TOKEN",     "APIKEY",
    "CREDENTIAL", "CREDENTIALS", "PRIVATEKEY", "SECRETKEY", "ACCESSKEY", "PWD"};
// KEY is a credential after one of these (API_KEY, ACCESS_KEY, TLS_KEY...).
constexpr std::array<std::string_view, 13> kKeyQualifiers = {
    "API", "ACCESS", "PRIVATE", "SECRET", "SIGNING", "ENCRYPTION", "MASTER",
    "TLS", "SSL",    "AUTH",    "HMAC",   "JWT",     "CLIENT"};
// A word after the credential word that says the value is about the secret, not the secret:
// PASSWORD_FILE, TOKEN_PATH, DB_SECRET_NAME, TOKEN_TTL, PASSWORD_MIN_LENGTH, AWS_ACCESS_KEY_ID.
constexpr std::array<std::string_view, 52> kAboutWords = {
    "FILE",      "FILENAME", "FILEPATH", "PATH",     "DIR",    "DIRECTORY", "NAME",
    "NAMES",     "REF",      "ID",       "URL",      "URI",    "ENDPOINT",  "HOST",
    "PORT",      "TYPE",     "MODE",     "ENABLED",  "ENABLE", "DISABLED",  "DISABLE",
    "REQUIRED",  "LENGTH",   "LEN",      "SIZE",     "TTL",    "EXPIRY",    "EXPIRATION",
    "EXPIRES",   "LIFETIME", "TIMEOUT",  "AUDIENCE", "ISSUER", "HEADER",    "VERSION",
    "FIELD",     "PARAM",    "LOCATION", "MOUNT",    "FORMAT", "ALGORITHM", "COUNT",
    "LIMIT",     "SOURCE",   "PROVIDER", "STORE",    "KIND",   "POLICY",    "PREFIX",
    "NAMESPACE", "INTERVAL", "USER"};

// A word that ends in a credential word: PGPASSWORD, CLIENTSECRET, AUTHTOKEN, STRIPEAPIKEY (but
// not MAXTOKENS, and not OLDPWD, the shell's previous directory).
bool glued_secret(std::string_view word) noexcept {
  return std::any_of(kSecretWords.begin(), kSecretWords.end(), [&](std::string_view w) {
    return w != "PWD" && word.size() > w.size() && word.ends_with(w);
  });
}

bool credential_name(std::string_view name) {
  if (name == "PWD") return false;  // the shell's working directory
  auto tokens = name_tokens(name);
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    bool secret = one_of(tokens[i], kSecretWords) || glued_secret(tokens[i]) ||
                  (tokens[i] == "PASS" && i + 1 == tokens.size()) ||
                  (tokens[i] == "KEY" && i > 0 && one_of(tokens[i - 1], kKeyQualifiers));
    if (!secret) continue;
    bool about = std::any_of(tokens.begin() + static_cast<std::ptrdiff_t>(i) + 1, tokens.end(),
                             [](const std::string& t) { return one_of(t, kAboutWords); });
    return !about;
  }
  return false;
}

bool iequals_any(std::string_view v, std::initializer_list<std::string_view> words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return iequals(v, w); });
}

// Values that cannot be a credential: empty, placeholders, booleans, numbers and durations,
// paths, masks ("****", "xxx").
bool inert_value(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
  if (v.empty() || is_placeholder(v)) return true;
  if (iequals_any(v, {"true", "false", "yes", "no", "on", "off", "enabled", "disabled", "none",
                      "null", "nil", "n/a", "-"})) {
    return true;
  }
  std::size_t digits = 0;
  while (digits < v.size() && is_digit(v[digits])) ++digits;
  if (digits > 0) {
    std::string_view unit = v.substr(digits);
    if (unit.empty() || unit == "s" || unit == "m" || unit == "h" || unit == "d" || unit == "ms") {
      return true;
    }
  }
  if (v.front() == '/' || v.starts_with("./") || v.starts_with("~/") || v.starts_with("file://")) {
    return true;
  }
  if (v.size() >= 3 && std::all_of(v.begin(), v.end(), [](char c) {
        return c == '*' || c == 'x' || c == 'X' || c == '.' || c == '#';
      })) {
    return true;
  }
  return false;
}

// A password written inside a value: scheme://user:password@host, or password=... / pwd=...
// in a connection string ("Server=db;User Id=sa;Password=hunter2", "?password=hunter2").
bool embeds_password(std::string_view v) {
  for (std::size_t at = v.find("://"); at != std::string_view::npos; at = v.find("://", at + 3)) {
    std::string_view rest = v.substr(at + 3);
    std::string_view authority = rest.substr(0, rest.find_first_of("/?# "));
    auto userinfo_end = authority.rfind('@');
    if (userinfo_end == std::string_view::npos) continue;
    std::string_view userinfo = authority.substr(0, userinfo_end);
    auto colon = userinfo.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view password = userinfo.substr(colon + 1);
    if (!password.empty() && !inert_value(password)) return true;
  }
  std::size_t i = 0;
  while (i < v.size()) {
    auto eq = v.find('=', i);
    if (eq == std::string_view::npos) break;
    std::size_t key_begin = eq;
    while (key_begin > 0 && (is_alnum(v[key_begin - 1]) || v[key_begin - 1] == '_')) --key_begin;
    std::string_view key = v.substr(key_begin, eq - key_begin);
    std::size_t end = v.find_first_of(";& ", eq + 1);
    std::string_view value = v.substr(eq + 1, end == std::string_view::npos ? end : end - eq - 1);
    if (iequals_any(key, {"password", "pwd", "passwd"}) && !inert_value(value)) return true;
    i = eq + 1;
  }
  return false;
}

constexpr RuleMeta kMeta{
    .id = "secret-in-env-value",
    .summary =
        "A credential (password, token, API key) is written as a literal env value "
        "instead of coming from a Secret",
    .remediation =
        "Store the value in a Secret and reference it with "
        "valueFrom.secretKeyRef (or envFrom.secretRef)",
    .category = Category::security,
    .applies_to = AppliesTo::workloads(),
    .options = {{"names", OptionType::patterns, "[]",
                 "Additional variable names that hold credentials (unanchored search)"},
                {"allow", OptionType::patterns, "[]",
                 "Variable names never reported (unanchored search)"}},
};

class SecretInEnvValue final : public ObjectRule {
 public:
  SecretInEnvValue() : ObjectRule(kMeta) {}
  void configure(RuleOptions& options) override {
    names_ = options.patterns("names");
    allow_ = options.patterns("allow");
  }

  void check(const Object& object, Context& ctx) const override {
    for_each_container(object, [&](const Container& c) {
      // An env list shared through YAML aliases is walked once (Context::first_walk).
      for (const EnvVar& v :
           ctx.first_walk(c.node.get("env")) ? env_vars(c) : std::vector<EnvVar>{}) {
        if (!v.literal() || !v.value.is_scalar() || !v.name.is_scalar()) continue;
        std::string_view name = v.name_text();
        if (matches(allow_, name)) continue;
        std::string_view value = v.text();
        if (inert_value(value)) continue;
        if (credential_name(name) || matches(names_, name)) {
          ctx.report(v.value, "{} '{}' sets credential {} to a literal value", to_string(c.kind),
                     c.name, quote(name));
        } else if (embeds_password(value)) {
          ctx.report(v.value, "{} '{}' has a password written into the value of {}",
                     to_string(c.kind), c.name, quote(name));
        }
      }
    });
  }

 private:
  static bool matches(const std::vector<Pattern>& patterns, std::string_view name) {
    return std::any_of(patterns.begin(), patterns.end(),
                       [&](const Pattern& p) { return p.search(name); });
  }

  std::vector<Pattern> names_;
  std::vector<Pattern> allow_;
};

}  // namespace secret_in_env_value
KUBELINT_REGISTER_RULE(secret_in_env_value, SecretInEnvValue)
}  // namespace kubelint
