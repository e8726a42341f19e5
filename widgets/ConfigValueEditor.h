// ConfigValueEditor: one topic config as a row of a form's grid — "override" check box with the config's name, the
// raw value editor (line edit or choice), the value in human units ("7 days") and where the inherited value comes
// from. It knows the value it started from, so it can say what changes (ConfigAlteration) and validate.
#pragma once
#include <optional>

#include <QObject>

#include "AdminTypes.h"
#include "TopicConfigCatalog.h"

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QLineEdit;

class ConfigValueEditor : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConfigValueEditor)

public:
    enum GridColumn
    {
        NameColumn,
        ValueColumn,
        HumanColumn,
        SourceColumn,
        GridColumnCount
    };

    // Adds its widgets to row `row` of grid; the widgets are parented to parentWidget.
    ConfigValueEditor(const QString &configName, QGridLayout *grid, int row, QWidget *parentWidget);

    QString name() const { return m_info.name; }

    // What the topic gets when not overridden (broker or Kafka default) and where it comes from.
    void setInherited(const QString &value, const QString &sourceText);
    // The starting state: overridden with this value (a topic override), or not. Resets the editor.
    void setInitial(bool overridden, const QString &value);

    // Loads a topic's DescribeConfigs entry: overridden when its source is the topic; the inherited value and
    // source come from the first synonym below the topic level.
    void loadTopicEntry(const ConfigEntry &entry);

    bool isOverridden() const;
    void setOverridden(bool overridden);
    QString value() const;  // the editor's raw value (the inherited one when not overridden)
    void setValue(const QString &value);

    bool initiallyOverridden() const { return m_initialOverridden; }
    QString initialValue() const { return m_initialOverridden ? m_initialValue : m_inheritedValue; }
    QString inheritedValue() const { return m_inheritedValue; }

    // Empty, or why the value is not acceptable (only an overridden value is checked).
    QString validationError() const;
    // The change against the initial state: Set, Delete (back to the inherited value), or none.
    std::optional<ConfigAlteration> alteration() const;

    QLineEdit *lineEdit() const { return m_lineEdit; }
    QComboBox *comboBox() const { return m_comboBox; }
    QCheckBox *overrideCheck() const { return m_overrideCheck; }
    QLabel *humanLabel() const { return m_humanLabel; }
    QLabel *sourceLabel() const { return m_sourceLabel; }

signals:
    void changed();

private:
    void refresh();
    void showValue(const QString &value);

    TopicConfigCatalog::Info m_info;
    QCheckBox *m_overrideCheck;
    QLineEdit *m_lineEdit = nullptr;
    QComboBox *m_comboBox = nullptr;
    QLabel *m_humanLabel;
    QLabel *m_sourceLabel;
    QString m_inheritedValue;
    QString m_inheritedSource;
    bool m_initialOverridden = false;
    QString m_initialValue;
    QString m_editedValue;  // kept while the override is off, restored when it is switched back on
};
