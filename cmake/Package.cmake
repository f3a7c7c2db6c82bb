# The Debian package: `bash .ci/package` runs CPack's DEB generator over
# the install rules below (docs/deploy/README.md, "The Debian package").
#
# CPack rather than debian/ + dpkg-buildpackage: the package is made from
# the build CI has already compiled and tested (no second compile), from
# the same install rules a source install uses; dpkg-shlibdeps computes
# Depends (CPACK_DEBIAN_PACKAGE_SHLIBDEPS). The maintainer scripts in
# cmake/package/ are what dh_installsystemd would write, plus the sotay
# user and /var/lib/sotay.
include(GNUInstallDirs)

set(SOTAY_PKG ${CMAKE_SOURCE_DIR}/cmake/package)
set(SOTAY_MAINTAINER "Sổ tay developers <sotay@phuong.invalid>")
set(SOTAY_DEB_VERSION "${PROJECT_VERSION}-1")
set(SOTAY_DOC ${CMAKE_INSTALL_DATAROOTDIR}/doc/sotay)

install(TARGETS sotay-indexer sotay-server RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/content/ DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/sotay/content)
# The default dictionary is compiled into the executables; the files are
# installed beside the content as the reference editors copy lines from.
install(DIRECTORY ${CMAKE_SOURCE_DIR}/dictionary/ DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/sotay/dictionary)
install(PROGRAMS ${SOTAY_PKG}/sotay-backup-rotate DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/sotay)
install(FILES ${SOTAY_PKG}/sotay-server.service ${SOTAY_PKG}/sotay-backup.service
              ${SOTAY_PKG}/sotay-backup.timer ${SOTAY_PKG}/sotay-replicate.service
              ${SOTAY_PKG}/sotay-replicate-server.service
        DESTINATION /lib/systemd/system)
install(FILES ${SOTAY_PKG}/sotay.default DESTINATION /etc/default RENAME sotay)
install(FILES ${SOTAY_PKG}/copyright ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/backup.md
              ${CMAKE_SOURCE_DIR}/docs/submissions.md ${CMAKE_SOURCE_DIR}/docs/deploy/replication.md
        DESTINATION ${SOTAY_DOC})
install(FILES ${CMAKE_SOURCE_DIR}/docs/deploy/nginx-sotay.conf DESTINATION ${SOTAY_DOC}/examples)

# changelog.Debian.gz and the man pages, compressed reproducibly (gzip -9n).
configure_file(${SOTAY_PKG}/changelog.in ${CMAKE_BINARY_DIR}/package/changelog.Debian @ONLY)
find_program(HELP2MAN help2man)
find_program(GZIP gzip REQUIRED)
set(SOTAY_PACKAGE_FILES ${CMAKE_BINARY_DIR}/package/changelog.Debian.gz)
add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/package/changelog.Debian.gz
  COMMAND ${GZIP} -9nf -k ${CMAKE_BINARY_DIR}/package/changelog.Debian
  DEPENDS ${CMAKE_BINARY_DIR}/package/changelog.Debian)
if(HELP2MAN)
  foreach(tool sotay-indexer sotay-server)
    set(page ${CMAKE_BINARY_DIR}/package/${tool}.1)
    add_custom_command(OUTPUT ${page}.gz
      COMMAND ${HELP2MAN} --no-info --no-discard-stderr --version-string=${PROJECT_VERSION}
              --name=${tool} -o ${page} $<TARGET_FILE:${tool}>
      COMMAND ${GZIP} -9nf ${page}
      DEPENDS ${tool})
    list(APPEND SOTAY_PACKAGE_FILES ${page}.gz)
    install(FILES ${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 OPTIONAL)
  endforeach()
endif()
add_custom_target(package-files DEPENDS ${SOTAY_PACKAGE_FILES})
install(FILES ${CMAKE_BINARY_DIR}/package/changelog.Debian.gz DESTINATION ${SOTAY_DOC} OPTIONAL)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sotay)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SOTAY_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)
# poppler-utils: pdftoppm renders scans for OCR and pdfsig verifies the
# originals' signatures on every document page. The other converters are
# needed only to import those formats (docs/import.md): without them the
# importer names the missing program.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, util-linux (>= 2.32), poppler-utils")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS
    "xapian-tools, nginx | httpd, tesseract-ocr-vie, pandoc, libreoffice-writer-nogui")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "chromium")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "searchable civil-service handbook for a Vietnamese ward office")
# The extended description: CPack indents each line and writes an empty
# line as " ." (the synopsis is the summary above).
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
"Sổ tay serves a ward office's guidance handbook (Sổ tay hướng dẫn công
vụ): civil servants search it in Vietnamese, with or without accents, by
keyword, document number or abbreviation, and read printable pages;
departments submit documents and editors review and publish them.

This package holds sotay-server (the HTTP server, run by
sotay-server.service), sotay-indexer (builds editions, checks content,
backs up and restores), systemd units for replication and nightly
backups, and example content.")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${SOTAY_PKG}/postinst ${SOTAY_PKG}/prerm ${SOTAY_PKG}/postrm
                                       ${SOTAY_PKG}/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
include(CPack)
