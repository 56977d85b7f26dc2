# Warnings apply to Confab's own targets only: generated protobuf code and Qt headers are not ours to fix.
function(confab_set_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
                                             -Wold-style-cast -Woverloaded-virtual -Wimplicit-fallthrough)
    if(CONFAB_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
