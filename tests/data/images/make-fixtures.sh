#!/usr/bin/env bash
# How the committed image fixtures were made (run by hand, not by the build;
# needs imagemagick, webp and libimage-exiftool-perl). The tests check pixel
# values against the patterns written here, so keep the two in step.
set -euo pipefail
cd "$(dirname "$0")"
IM=/usr/bin/convert   # the real ImageMagick, not a stand-in earlier on PATH
faces=${FACES:-../../../../shared/faces}

# The 4x2 RGB pattern most PNG tests decode:
#   red   green  blue        white
#   black grey128 (10,20,30) (200,100,50)
cat > /tmp/gb-pat.ppm <<'PPM'
P3 4 2 255
255 0 0   0 255 0   0 0 255   255 255 255
0 0 0   128 128 128   10 20 30   200 100 50
PPM
$IM /tmp/gb-pat.ppm -strip PNG24:rgb8.png
$IM /tmp/gb-pat.ppm -strip PNG8:palette.png
$IM /tmp/gb-pat.ppm -strip -interlace PNG PNG24:rgb8-interlaced.png

# 16-bit RGB: 8-bit results are round(v * 255 / 65535).
cat > /tmp/gb-pat16.ppm <<'PPM'
P3 2 1 65535
4660 65535 0   32896 257 65279
PPM
$IM /tmp/gb-pat16.ppm -strip -depth 16 PNG48:rgb16.png

# Grey, 8-bit and 1-bit.
cat > /tmp/gb-grey.pgm <<'PGM'
P2 4 2 255
0 85 170 255
17 34 51 68
PGM
$IM /tmp/gb-grey.pgm -strip -define png:color-type=0 -define png:bit-depth=8 grey8.png
cat > /tmp/gb-grey1.pbm <<'PBM'
P1 4 2
1 0 1 0
0 1 0 1
PBM
$IM /tmp/gb-grey1.pbm -strip -define png:color-type=0 -define png:bit-depth=1 grey1.png

# RGBA and grey+alpha: composited on white by the decoder.
cat > /tmp/gb-rgba.pam <<'PAM'
P7
WIDTH 4
HEIGHT 1
DEPTH 4
MAXVAL 255
TUPLTYPE RGB_ALPHA
ENDHDR
PAM
printf '\xff\x00\x00\x00\x00\x00\xff\x80\x00\xff\x00\xff\x64\x64\x64\x40' >> /tmp/gb-rgba.pam
$IM /tmp/gb-rgba.pam -strip PNG32:rgba.png
cat > /tmp/gb-ga.pam <<'PAM'
P7
WIDTH 2
HEIGHT 1
DEPTH 2
MAXVAL 255
TUPLTYPE GRAYSCALE_ALPHA
ENDHDR
PAM
printf '\x00\x80\xc8\xff' >> /tmp/gb-ga.pam /tmp/gb-pt.pam
$IM /tmp/gb-ga.pam -strip -define png:color-type=4 grey-alpha.png

# Palette with a tRNS chunk: transparent red, blue, (16,32,48).
printf 'P7\nWIDTH 3\nHEIGHT 1\nDEPTH 4\nMAXVAL 255\nTUPLTYPE RGB_ALPHA\nENDHDR\n' > /tmp/gb-pt.pam
printf '\xff\x00\x00\x00\x00\x00\xff\xff\x10\x20\x30\xff' >> /tmp/gb-pt.pam
$IM /tmp/gb-pt.pam -strip PNG8:palette-trns.png

# An interlaced 16-bit RGBA image: every transform at once.
$IM -size 33x17 gradient:'rgba(255,0,0,1)-rgba(0,0,255,0.5)' -strip -depth 16 -interlace PNG PNG64:rgba16-interlaced.png

# One of each other format, for sniffing (tiny, content does not matter).
$IM -size 16x16 xc:'#3366cc' -strip tiny.gif
$IM -size 16x16 xc:'#3366cc' -strip BMP3:tiny.bmp
$IM -size 16x16 xc:'#3366cc' -strip -compress none tiny.tif
$IM -size 16x16 xc:'#3366cc' -strip -define webp:lossless=true tiny.webp
$IM -size 64x64 xc:'#3366cc' -strip -quality 50 tiny.heic
$IM -size 64x64 xc:'#3366cc' -strip -quality 50 tiny.avif

# JPEG variants: grey, CMYK (refused), progressive.
$IM -size 64x48 gradient:white-black -strip -colorspace Gray -quality 95 grey.jpg
$IM -size 32x32 xc:'#3366cc' -strip -colorspace CMYK -quality 90 cmyk.jpg
$IM -size 64x48 gradient:red-blue -strip -interlace JPEG -quality 90 progressive.jpg

# A real photo (portrait-6.png of the shared test faces, see SOURCES.md),
# 448x576, baseline 4:2:0.
$IM "$faces/portrait-6.png" -strip -resize 448x576 -sampling-factor 2x2 -quality 90 portrait-6-448.jpg

# Orientation 6 written by exiftool (tests also build their own EXIF blocks):
# a 32x16 image, left half red, right half blue, top-left 8x8 green.
$IM -size 32x16 xc:red -fill blue -draw 'rectangle 16,0 31,15' -fill lime -draw 'rectangle 0,0 7,7' \
    -strip -sampling-factor 1x1 -quality 98 orient6-exiftool.jpg
exiftool -q -overwrite_original -n -Orientation=6 orient6-exiftool.jpg

# ImageMagick's own idea of the upright picture, to compare ours against.
$IM orient6-exiftool.jpg -auto-orient -strip PNG24:orient6-upright-im.png
rm -f /tmp/gb-pat.ppm /tmp/gb-pat16.ppm /tmp/gb-grey.pgm /tmp/gb-grey1.pbm /tmp/gb-rgba.pam /tmp/gb-ga.pam /tmp/gb-pt.pam
