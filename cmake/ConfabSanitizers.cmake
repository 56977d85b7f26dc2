if(CONFAB_SANITIZE)
    # Applied globally so that every Confab object, including generated protobuf code, is instrumented.
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()
