# dockward's container image, built from source:
#
#   docker build -t dockward .
#   docker run --rm -i dockward < Dockerfile
#   docker run --rm -v "$PWD:/src" dockward lint .
#
# A static musl binary (`--locked`, the stripped `dist` profile) in an
# otherwise empty image. The release images (docker/*.Dockerfile) carry the
# release archives' binary instead, with the same runtime settings.

FROM rust:1.95-alpine AS build
WORKDIR /build
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/build/target \
    cargo build --locked --profile dist -p dockward \
    && cp target/dist/dockward /dockward

FROM scratch
ARG VERSION=0.1.0
LABEL org.opencontainers.image.title="dockward" \
    org.opencontainers.image.description="A fast Dockerfile linter, formatter and language server" \
    org.opencontainers.image.source="https://github.com/dockward/dockward" \
    org.opencontainers.image.licenses="MIT OR Apache-2.0" \
    org.opencontainers.image.version="${VERSION}"
COPY --from=build /dockward /usr/local/bin/dockward
ENV PATH=/usr/local/bin
# No /etc/passwd in scratch: a numeric user.
USER 65532:65532
WORKDIR /src
HEALTHCHECK NONE
ENTRYPOINT ["dockward"]
CMD ["lint", "-"]
