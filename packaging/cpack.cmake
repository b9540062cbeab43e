# Debian package: cpack -G DEB in the build folder (make package).
# Depends lists the run-time packages; scripts/install-deps holds the same
# names plus the -dev and build tools.
set(CPACK_GENERATOR "DEB")
set(CPACK_PACKAGE_NAME "gradbooth")
set(CPACK_PACKAGE_VENDOR "GradBooth")
set(CPACK_PACKAGE_CONTACT "GradBooth maintainers <gradbooth@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Offline photo-booth kiosk for the CHSI graduate photo collection")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION "graphics")
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libsqlite3-0, libinih1, libsodium23, libcjson1, libsdl2-2.0-0, libsdl2-ttf-2.0-0, libfontconfig1, libgphoto2-6, libv4l-0, libturbojpeg0, libjpeg62-turbo, libpng16-16, libexif12, libwebp7, libcurl4, libmicrohttpd12, libqrencode4, libzbar0, libdlib19.1, libdlib-data, libblas3, liblapack3, libssl3, fonts-noto-cjk")
include(CPack)
