// Draws resources/icons/sluice.svg's shapes with QPainter (this Qt has no SVG plugin) at several sizes.
// Build and run: g++ -std=c++20 -fPIC render_pngs.cpp -o render_pngs $(pkg-config --cflags --libs Qt6Gui) && QT_QPA_PLATFORM=offscreen ./render_pngs .
#include <QGuiApplication>
#include <QImage>
#include <QLinearGradient>
#include <QPainter>
#include <QPainterPath>
int main(int argc, char **argv) {
    QGuiApplication app(argc, argv);
    for (int size : {16, 32, 64, 256}) {
        QImage img(size, size, QImage::Format_ARGB32_Premultiplied);
        img.fill(Qt::transparent);
        QPainter p(&img);
        p.setRenderHint(QPainter::Antialiasing);
        p.scale(size / 256.0, size / 256.0);
        QLinearGradient g(0, 8, 0, 248); g.setColorAt(0, QColor("#2f80c0")); g.setColorAt(1, QColor("#174a78"));
        p.setPen(Qt::NoPen); p.setBrush(g);
        p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44);
        QPen wave(QColor("#e8f4ff"), 16, Qt::SolidLine, Qt::RoundCap); p.setPen(wave); p.setBrush(Qt::NoBrush);
        for (int y : {84, 128, 172}) { QPainterPath path; path.moveTo(40, y); path.cubicTo(64, y - 16, 84, y + 16, 108, y); p.drawPath(path); }
        p.setPen(Qt::NoPen); p.setBrush(QColor("#e8f4ff"));
        for (int y : {74, 118, 162}) p.drawRoundedRect(QRectF(152, y, 64, 20), 10, 10);
        p.setBrush(QColor("#f4b63a"));
        p.drawRoundedRect(QRectF(120, 44, 20, 168), 6, 6);
        p.drawRoundedRect(QRectF(112, 36, 36, 16), 6, 6);
        p.end();
        img.save(QStringLiteral("%1/sluice-%2.png").arg(argv[1]).arg(size));
    }
}
