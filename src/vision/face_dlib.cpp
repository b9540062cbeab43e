// The only C++ in GradBooth: dlib's face detector and landmark model behind
// the C interface in face.h. Every dlib exception stops here and becomes a
// gb_err; nothing C++ crosses the boundary.
#include "vision/face.h"

#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_transforms.h>

#include <algorithm>
#include <exception>
#include <mutex>
#include <new>
#include <vector>

struct gb_face_model {
    dlib::frontal_face_detector detector;
    dlib::shape_predictor predictor;
    // dlib's object_detector keeps scratch state: one caller at a time.
    std::mutex lock;
};

extern "C" gb_face_model *gb_face_model_load(const char *predictor_path, gb_err *err)
{
    gb_face_model *m = nullptr;
    try {
        m = new gb_face_model;
        m->detector = dlib::get_frontal_face_detector();
        dlib::deserialize(predictor_path) >> m->predictor;
        if (m->predictor.num_parts() != 68) {
            gb_err_set(err, "%s: a landmark model with %lu points, expected 68", predictor_path,
                       (unsigned long)m->predictor.num_parts());
            delete m;
            return nullptr;
        }
        return m;
    } catch (const std::exception &e) {
        gb_err_set(err, "%s: cannot load the face landmark model (package libdlib-data): %s",
                   predictor_path, e.what());
    } catch (...) {
        gb_err_set(err, "%s: cannot load the face landmark model", predictor_path);
    }
    delete m;
    return nullptr;
}

extern "C" void gb_face_model_free(gb_face_model *model) { delete model; }

extern "C" int gb_face_detect(gb_face_model *m, const gb_image *img, int upsample, double threshold,
                              gb_face *faces, int max_faces, gb_err *err)
{
    try {
        // HOG works on luminance; a grey copy is a third of the memory.
        dlib::array2d<unsigned char> grey(img->height, img->width);
        for (int y = 0; y < img->height; y++) {
            const unsigned char *row = img->pixels + (size_t)y * img->stride;
            for (int x = 0; x < img->width; x++) {
                const unsigned char *p = row + 3 * x;
                grey[y][x] = (unsigned char)((77 * p[0] + 150 * p[1] + 29 * p[2] + 128) >> 8);
            }
        }
        double scale = 1.0;
        for (int i = 0; i < upsample; i++) {
            dlib::pyramid_up(grey);
            scale *= 2.0;
        }
        std::lock_guard<std::mutex> guard(m->lock);
        std::vector<dlib::rect_detection> dets;
        m->detector(grey, dets, threshold);
        std::sort(dets.begin(), dets.end(), [](const dlib::rect_detection &a, const dlib::rect_detection &b) {
            return a.rect.area() > b.rect.area();
        });
        int n = (int)dets.size();
        for (int i = 0; i < n && i < max_faces; i++) {
            const dlib::rectangle &r = dets[i].rect;
            dlib::full_object_detection shape = m->predictor(grey, r);
            gb_face *f = &faces[i];
            f->left = r.left() / scale;
            f->top = r.top() / scale;
            f->right = (r.right() + 1) / scale;
            f->bottom = (r.bottom() + 1) / scale;
            f->confidence = dets[i].detection_confidence;
            f->detector = (int)dets[i].weight_index;
            for (unsigned k = 0; k < 68; k++) {
                f->pts[k].x = shape.part(k).x() / scale;
                f->pts[k].y = shape.part(k).y() / scale;
            }
        }
        return n;
    } catch (const std::bad_alloc &) {
        gb_err_set(err, "face detection: out of memory (%dx%d image)", img->width, img->height);
    } catch (const std::exception &e) {
        gb_err_set(err, "face detection: %s", e.what());
    } catch (...) {
        gb_err_set(err, "face detection failed");
    }
    return -1;
}
