# kubelint as a container image: a Debian 12 build stage, and a runtime image that holds only the
# binary and the shared libraries it links (no shell, no package manager).
#
#   docker build -t kubelint:0.2.0 .
#   docker run --rm -v "$PWD:/src" kubelint:0.2.0 lint deploy/
#
# Not exercised by this repository's CI (it has no network to pull images or packages); the
# .deb that scripts/test.sh builds and installs is the tested way to install kubelint.
FROM debian:12 AS build
RUN apt-get update -qq \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      g++ cmake ninja-build pkg-config libyaml-cpp-dev libfmt-dev libcli11-dev libre2-dev libmimalloc-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DKUBELINT_BUILD_TESTS=OFF \
      -DKUBELINT_BUILD_BENCH=OFF \
 && cmake --build /build --target kubelint_cli \
 && mkdir -p /rootfs/usr/bin /rootfs/lib64 /rootfs/lib/x86_64-linux-gnu /rootfs/src /rootfs/tmp \
 && cp /build/cli/kubelint /rootfs/usr/bin/kubelint \
 && strip /rootfs/usr/bin/kubelint \
 && for lib in $(ldd /build/cli/kubelint | awk '$2 == "=>" && $3 ~ /^\// {print $3}'); do \
      cp -L "$lib" /rootfs/lib/x86_64-linux-gnu/; \
    done \
 && cp -L /lib64/ld-linux-x86-64.so.2 /rootfs/lib64/ \
 && chmod 1777 /rootfs/tmp

FROM scratch
COPY --from=build /rootfs/ /
WORKDIR /src
ENTRYPOINT ["/usr/bin/kubelint"]
CMD ["lint", "."]
