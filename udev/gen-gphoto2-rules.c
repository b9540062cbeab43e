/* Writes udev rules that give the kiosk group access to every still camera
 * the installed libgphoto2 supports, from libgphoto2's own camera list.
 *
 * Why generated: the list has thousands of USB ids and grows with each
 * libgphoto2 release; a hand-kept copy would rot. Debian ships no
 * print-camera-list program (the upstream tool for this), so the build runs
 * this one instead: CMake writes build/udev/70-gradbooth-gphoto2.rules and
 * the Debian package installs it next to udev/70-gradbooth-cameras.rules
 * (video4linux).
 *
 * Usage: gen-gphoto2-rules OUTPUT GROUP */
#include <gphoto2/gphoto2.h>
#include <gphoto2/gphoto2-version.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int port;        /* GP_PORT_USB or GP_PORT_USB_SCSI */
    int vendor, product;
    int cls, subcls, proto; /* used when vendor is 0: a class match */
} usb_id;

static int cmp_id(const void *a, const void *b)
{
    const usb_id *x = a, *y = b;
    if (x->port != y->port) return x->port - y->port;
    if (x->vendor != y->vendor) return x->vendor - y->vendor;
    if (x->product != y->product) return x->product - y->product;
    if (x->cls != y->cls) return x->cls - y->cls;
    if (x->subcls != y->subcls) return x->subcls - y->subcls;
    return x->proto - y->proto;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s OUTPUT GROUP\n", argv[0]);
        return 2;
    }
    const char *out_path = argv[1], *group = argv[2];

    CameraAbilitiesList *list = NULL;
    GPContext *ctx = gp_context_new();
    int rc = gp_abilities_list_new(&list);
    if (rc >= GP_OK) rc = gp_abilities_list_load(list, ctx);
    int n = rc >= GP_OK ? gp_abilities_list_count(list) : rc;
    if (n <= 0) {
        fprintf(stderr, "gen-gphoto2-rules: libgphoto2 lists no cameras (%s); are its camlibs installed?\n",
                gp_result_as_string(n < 0 ? n : GP_ERROR));
        return 1;
    }

    usb_id *ids = calloc((size_t)n, sizeof *ids);
    if (!ids) return 1;
    size_t count = 0;
    for (int i = 0; i < n; i++) {
        CameraAbilities a;
        if (gp_abilities_list_get_abilities(list, i, &a) < GP_OK) continue;
        /* The kiosk needs cameras, not the music players libgphoto2 also
         * drives through MTP. */
        if (a.device_type != GP_DEVICE_STILL_CAMERA) continue;
        usb_id id = {0};
        if (a.port & GP_PORT_USB) id.port = GP_PORT_USB;
        else if (a.port & GP_PORT_USB_SCSI) id.port = GP_PORT_USB_SCSI;
        else continue; /* serial, PTP/IP, disk: no USB device node */
        if (a.usb_vendor > 0 && a.usb_product > 0) {
            id.vendor = a.usb_vendor;
            id.product = a.usb_product;
        } else if (a.usb_class > 0 && a.usb_class < 256 && id.port == GP_PORT_USB) {
            /* Generic entries ("USB PTP Class Camera") match by interface
             * class; class 666 in the list means "mass storage, not ours". */
            id.cls = a.usb_class;
            id.subcls = a.usb_subclass > 0 ? a.usb_subclass : 0;
            id.proto = a.usb_protocol > 0 ? a.usb_protocol : 0;
        } else {
            continue;
        }
        ids[count++] = id;
    }
    qsort(ids, count, sizeof *ids, cmp_id);

    FILE *f = fopen(out_path, "w");
    if (!f) {
        perror(out_path);
        free(ids);
        return 1;
    }
    const char **lib_version = gp_library_version(GP_VERSION_SHORT);
    fprintf(f,
            "# Generated at build time by udev/gen-gphoto2-rules.c from the camera list of\n"
            "# libgphoto2 %s: do not edit. Lets the kiosk user (group \"%s\") open every\n"
            "# still camera libgphoto2 supports. Webcams: 70-gradbooth-cameras.rules.\n"
            "ACTION!=\"add|change|bind\", GOTO=\"gradbooth_gphoto2_end\"\n"
            "SUBSYSTEM==\"usb\", ENV{DEVTYPE}==\"usb_device\", GOTO=\"gradbooth_gphoto2_usb\"\n"
            "KERNEL==\"sg[0-9]*\", GOTO=\"gradbooth_gphoto2_scsi\"\n"
            "GOTO=\"gradbooth_gphoto2_end\"\n\n"
            "LABEL=\"gradbooth_gphoto2_usb\"\n"
            "ENV{ID_USB_INTERFACES}==\"\", IMPORT{builtin}=\"usb_id\"\n",
            lib_version && lib_version[0] ? lib_version[0] : "?", group);
    size_t rules = 0;
    const usb_id *prev = NULL;
    for (size_t i = 0; i < count; i++) {
        const usb_id *id = &ids[i];
        if (prev && cmp_id(prev, id) == 0) continue; /* many models share one id */
        prev = id;
        if (id->port != GP_PORT_USB) continue;
        if (id->vendor)
            fprintf(f, "ATTR{idVendor}==\"%04x\", ATTR{idProduct}==\"%04x\", GROUP=\"%s\", MODE=\"0660\"\n",
                    id->vendor, id->product, group);
        else
            fprintf(f, "ENV{ID_USB_INTERFACES}==\"*:%02x%02x%02x:*\", GROUP=\"%s\", MODE=\"0660\"\n", id->cls,
                    id->subcls, id->proto, group);
        rules++;
    }
    fprintf(f, "GOTO=\"gradbooth_gphoto2_end\"\n\n"
               "# Cameras libgphoto2 drives through the SCSI generic node.\n"
               "LABEL=\"gradbooth_gphoto2_scsi\"\n");
    prev = NULL;
    for (size_t i = 0; i < count; i++) {
        const usb_id *id = &ids[i];
        if (prev && cmp_id(prev, id) == 0) continue;
        prev = id;
        if (id->port != GP_PORT_USB_SCSI || !id->vendor) continue;
        fprintf(f, "ATTRS{idVendor}==\"%04x\", ATTRS{idProduct}==\"%04x\", GROUP=\"%s\", MODE=\"0660\"\n",
                id->vendor, id->product, group);
        rules++;
    }
    fprintf(f, "\nLABEL=\"gradbooth_gphoto2_end\"\n");
    int write_failed = ferror(f);
    if (fclose(f) != 0) write_failed = 1;
    free(ids);
    gp_abilities_list_free(list);
    gp_context_unref(ctx);
    if (write_failed) {
        fprintf(stderr, "gen-gphoto2-rules: could not write %s\n", out_path);
        return 1;
    }
    printf("gen-gphoto2-rules: %zu rules for %d camera models in %s\n", rules, n, out_path);
    return 0;
}
