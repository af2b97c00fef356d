# campaign_warnings: an INTERFACE target every project target links, so the
# warning set and the sanitizer switch live in one place.
add_library(campaign_warnings INTERFACE)
target_compile_options(campaign_warnings INTERFACE -Wall -Wextra -Wno-unused-parameter)
if(CAMPAIGN_WERROR)
  target_compile_options(campaign_warnings INTERFACE -Werror)
endif()
if(CAMPAIGN_SANITIZE)
  target_compile_options(campaign_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(campaign_warnings INTERFACE -fsanitize=address,undefined)
endif()
