// lib/src/env.cpp: the env entries of a container and the proxy variable names.
#include "k8s/env.hpp"

#include <doctest/doctest.h>

#include "yaml/loader.hpp"
#include "yaml/source.hpp"

using namespace kubelint;

TEST_CASE("env_vars, has_env_from and find_env") {
  SourceFile source("pod.yaml", R"(spec:
  containers:
    - name: app
      env:
        - name: A
          value: "1"
        - just-a-string
        - name: B
          valueFrom: {secretKeyRef: {name: s, key: k}}
        - name: A
          value: "2"
      envFrom:
        - configMapRef: {name: proxy}
    - name: plain
)");
  auto loaded = load_all(source);
  REQUIRE(loaded.documents.size() == 1);
  Node spec = loaded.documents[0]->root().get("spec");
  auto all = containers(spec);
  REQUIRE(all.size() == 2);

  auto vars = env_vars(all[0]);
  REQUIRE(vars.size() == 3);
  CHECK(vars[0].name_text() == "A");
  CHECK(vars[0].literal());
  CHECK(vars[0].text() == "1");
  CHECK(vars[1].index == 2);
  CHECK(vars[1].from_source());
  CHECK_FALSE(vars[1].literal());
  const EnvVar* a = find_env(vars, "A");
  REQUIRE(a != nullptr);
  CHECK(a->text() == "2");  // the last entry wins
  CHECK(find_env(vars, "C") == nullptr);
  CHECK(has_env_from(all[0]));

  CHECK(env_vars(all[1]).empty());
  CHECK_FALSE(has_env_from(all[1]));
}

TEST_CASE("proxy_var") {
  CHECK(proxy_var("http_proxy") == ProxyVar::http);
  CHECK(proxy_var("HTTP_PROXY") == ProxyVar::http);
  CHECK(proxy_var("https_proxy") == ProxyVar::https);
  CHECK(proxy_var("NO_PROXY") == ProxyVar::no);
  CHECK(proxy_var("all_proxy") == ProxyVar::all);
  CHECK(proxy_var("Http_Proxy") == ProxyVar::none);  // nobody reads mixed case
  CHECK(proxy_var("HTTP_PROXY_HOST") == ProxyVar::none);
  CHECK(proxy_var_name(ProxyVar::no) == "no_proxy");
  CHECK(iequals("No_Proxy", "NO_PROXY"));
  CHECK_FALSE(iequals("no_proxy", "no_proxy_"));
}
