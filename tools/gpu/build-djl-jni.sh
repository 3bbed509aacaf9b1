#!/usr/bin/env bash
# Builds DJL's PyTorch JNI library (libdjl_torch.so) against the CUDA libtorch of an installed Python
# `torch`, and installs it where DJL looks for it, so that llmops-gpu runs on the GPU with that libtorch.
#
# Why: DJL's own CUDA libtorch (ai.djl.pytorch:pytorch-native-cu*) is not always reachable (it is not on
# this project's Maven mirror), while GPU machines usually have a CUDA build of PyTorch installed. DJL's
# prebuilt JNI only fits the libtorch it was built for (2.7.1 for DJL 0.36.0), so it is rebuilt here.
#
# Usage: tools/gpu/build-djl-jni.sh DJL_SOURCE_DIR ENGINE_CACHE_DIR
#   DJL_SOURCE_DIR    a checkout of https://github.com/deepjavalibrary/djl at tag v0.36.0 (the DJL version
#                     llmops-gpu uses; the JNI must match its Java side)
#   ENGINE_CACHE_DIR  DJL's engine cache (the tests use llmops-gpu/target/djl-cache/engines)
# Needs: python3 with a CUDA torch, cmake, a C++17 compiler, nvcc, a JDK (for jni.h and javac -h).
# Prints the environment to export before starting the JVM.
set -euo pipefail
djl=$(cd "$1" && pwd)
cache=$2
native="$djl/engines/pytorch/pytorch-native"
[ -f "$native/CMakeLists.txt" ] || { echo "not a DJL source tree: $djl" >&2; exit 2; }
read -r tv flavor lib prefix < <(python3 - <<'PY'
import os, torch
v = torch.__version__.split("+")[0]
cu = torch.version.cuda
flavor = "cu" + cu.replace(".", "") if cu else "cpu"
print(v, flavor, os.path.join(os.path.dirname(torch.__file__), "lib"), torch.utils.cmake_prefix_path)
PY
)
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
build="$native/build"
rm -rf "$build" && mkdir -p "$build/include" "$build/classes"
# the JNI header comes from the Java side of the same DJL version
javac -h "$build/include" -d "$build/classes" -sourcepath "$djl/engines/pytorch/pytorch-engine/src/main/java:$djl/api/src/main/java" \
  "$djl/engines/pytorch/pytorch-engine/src/main/java/ai/djl/pytorch/jni/PyTorchLibrary.java"
use_cuda=0; [[ $flavor == cu* ]] && use_cuda=1
(cd "$build" && cmake -DCMAKE_PREFIX_PATH="$prefix" -DUSE_CUDA="$use_cuda" -DCMAKE_BUILD_TYPE=Release \
    -DJAVA_HOME="$java_home" .. >cmake.log && cmake --build . -- -j "$(nproc)" >make.log) \
  || { echo "build failed: see $build/cmake.log and $build/make.log" >&2; exit 1; }
api=$(sed -n 's/^djl = "\(.*\)"$/\1/p' "$djl/gradle/libs.versions.toml" 2>/dev/null || true)
api=${api:-0.36.0}
dest="$cache/pytorch/$tv-$flavor-linux-$(uname -m)"
mkdir -p "$dest"
cp "$build/libdjl_torch.so" "$dest/$api-libdjl_torch.so"
echo "export PYTORCH_LIBRARY_PATH=$lib PYTORCH_VERSION=$tv PYTORCH_FLAVOR=$flavor ENGINE_CACHE_DIR=$cache"
