// SettingsDialog: the app's settings the user changes by hand — the local cluster's node count, data directory and
// first port. Bad values get a message and keep the dialog open; saved values apply when the cluster next starts.
#pragma once
#include <QDialog>

#include "LocalClusterSettings.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;

class SettingsDialog : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    // current: the values shown at first (the saved ones).
    explicit SettingsDialog(const LocalClusterSettings &current, QWidget *parent = nullptr);

    // What the fields say now (not checked).
    LocalClusterSettings settings() const;
    QSpinBox *nodesBox() const { return m_nodes; }
    QLineEdit *dataDirEdit() const { return m_dataDir; }
    QLineEdit *portEdit() const { return m_port; }
    QLabel *problemsLabel() const { return m_problems; }

    // Checks the fields; on success saves them (QSettings) and closes, otherwise shows why and stays open.
    void accept() override;
    // Whether the last accept() saved values that differ from those the dialog opened with.
    bool changed() const { return m_changed; }

private:
    void browse();

    LocalClusterSettings m_initial;
    QSpinBox *m_nodes;
    QLineEdit *m_dataDir;
    QLineEdit *m_port;
    QLabel *m_problems;
    QDialogButtonBox *m_buttons;
    bool m_changed = false;
};
