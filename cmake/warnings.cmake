# campaign_warnings: an INTERFACE target every project target links, so the
# warning set and the sanitizer switch live in one place.
add_library(campaign_warnings INTERFACE)
target_compile_options(campaign_warnings INTERFACE -Wall -Wextra -Wno-unused-parameter)
# GCC 12 reports false positives for std::variant / std::optional members at
# -O2 (GCC bug 105562 and friends); they fire inside libstdc++ headers.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(campaign_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
if(CAMPAIGN_WERROR)
  target_compile_options(campaign_warnings INTERFACE -Werror)
endif()
if(CAMPAIGN_SANITIZE)
  target_compile_options(campaign_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(campaign_warnings INTERFACE -fsanitize=address,undefined)
endif()
